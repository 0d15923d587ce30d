"""The domain: regions, marks, knowledge, referral, countdown, log. Never imports Qt."""
