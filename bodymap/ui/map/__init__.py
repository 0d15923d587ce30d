"""The body map: the scene, its views, marking by mouse and keyboard, the region list."""
