"""Placeholder until the real repair lands."""
def repair_mojibake(text):
    return text, []
