"""AI Roles Handbook: data models, loading, validation and rendering, independent of any site engine."""
