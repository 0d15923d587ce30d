"""bodymap: find the trigger points behind upper-back, neck and shoulder pain."""

__version__ = "0.1.0"
