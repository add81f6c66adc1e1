# A script (executable, without #!: the shell runs it): its arguments, comments, a quote over
# two lines, a continued line, exit.
echo script $0 with $#: $1, $2   # a comment after a command
echo 'line one
line two'
echo continued \
line
sh -c 'exit 3'
echo $?
exit 4
echo not reached
