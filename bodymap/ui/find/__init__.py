"""Find it: the guided press-test panel."""
