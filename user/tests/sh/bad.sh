echo ran
# the next line is wrong
echo a ;; echo b
echo not reached
