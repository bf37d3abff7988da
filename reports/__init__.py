"""Result records (one JSON line per checked cell) and what is rendered from them."""
