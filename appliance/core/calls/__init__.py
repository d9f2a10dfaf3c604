"""Calls: the per-line call state machine, reason words and the screen pop."""
