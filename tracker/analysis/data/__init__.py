"""Data files of the analysis: measure families and label words, side names, vague-amount rules."""
