"""Views of the workflow layer: task steps, case pages, lists, document download."""
