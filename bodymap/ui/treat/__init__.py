"""Treat it: the technique list, the guided routine player, its timers and cues."""
