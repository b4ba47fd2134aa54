"""Context around events: dates, numbers, casualty counts and places."""
