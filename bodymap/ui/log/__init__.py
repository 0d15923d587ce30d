"""The pain log: saving an entry, History, the clinician report, the daily reminder."""
