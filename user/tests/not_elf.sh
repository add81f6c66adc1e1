#!/bin/sh
# Executable, but not an ELF program: exec_test expects ENOEXEC for it.
echo "not a program"
