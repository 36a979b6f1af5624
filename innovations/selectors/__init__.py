"""Split by concern: innovation.py (innovations, replications) and story.py (stories, indicators)."""
