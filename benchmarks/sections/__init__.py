"""One module per benchmark section: each has its measurement function(s) and `rows(r)`,
the (section, metric, value) rows of the results table."""
