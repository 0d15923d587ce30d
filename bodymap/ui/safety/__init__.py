"""Safety: the urgent banner, the first-run notice and the warning-signs checklist."""
