"""Reading the numbers the prose states: numerals, the phrase patterns, the claims they make."""
