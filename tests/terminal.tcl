# tests/terminal.tcl -- what every expect script that drives avslut-ask
# on a terminal shares (sourced by the .t files and tests/demo.sh).

# want PATTERN: wait for the regular expression; a timeout or the end of
# the program is a failure, said on stdout, and exit 1.
proc want {pat} {
	expect {
		-re $pat { return }
		timeout { puts "TIMEOUT waiting for: $pat"; exit 1 }
		eof { puts "EOF waiting for: $pat"; exit 1 }
	}
}

# Type at a prompt, as a person would (typing ahead has its own test in
# 0410).
proc at_prompt {} { want {> $} }
proc send_line {s} { at_prompt; send -- "$s\r" }
