# Command substitution, arithmetic and test: what dash prints for this script is what sh_test
# wants (checked with dash on Debian 12).
echo "$(echo hi) `echo there`" $(echo a b) "$(echo x; echo; echo)" [$(true)]
x=$(false); echo $?; x=$(echo v; exit 3); echo $? $x
echo $(echo $(echo nested) "q)uote") "$(echo "in dq")" `echo \`echo bq\``
for w in $(echo 1 2 3); do echo w$w; done
i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo i$i; done
echo $((1+2*3)) $(( (1+2)*3 )) $((7/2)) $((7%3)) $((-7/2)) $((2<3)) $((1?4:5)) $((0 && 1/0)) $((010)) $((0x1f)) $((1<<4)) $((~0)) $((!5))
x=5; echo $((x*2)) $(($x+1)) $((x+=3)) $x
a=3; b=4; echo $((a<b && b<5)) $((a==3)) $((a!=3)) $((a>=3)) $((a|8)) $((a^1)) $((a&1))
[ -d / ] && echo dir; [ -f / ] || echo notfile; test -e /nonexist || echo noexist
[ abc = abc ] && echo eq; [ abc != abd ] && echo ne; [ -z "" ] && echo z; [ -n x ] && echo n
[ 3 -lt 10 ] && echo lt; [ 10 -lt 3 ] || echo nlt; [ ! -d /x ] && echo notdir
[ "" ] || echo empty; [ x ] && echo one; [ ] || echo none; [ ! "" ] && echo notempty
[ -n = -n ] && echo nn; [ ! = ! ] && echo bang; [ \( x \) ] && echo paren
[ a = a -a b = c ] || echo and; [ a = a -o b = c ] && echo or; [ ! a = b -a x ] && echo notand
[ abc -lt 3 ] 2>/dev/null; echo $?
[ 1 = 1 2>/dev/null; echo $?
test 1 -eq 1 2 2>/dev/null; echo $?
