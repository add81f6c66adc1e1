echo before
nosuchcommand
