"""designer: a course-design assistant for university micro-credentials."""

__version__ = "0.1.0"
