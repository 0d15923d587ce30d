"""The Qt side: widgets that render the core session, one subpackage per feature."""
