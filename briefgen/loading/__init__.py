"""Step 1 and 2 of the pipeline: read a brief's YAML safely, with positions, and validate it
into the models, reporting every mistake at its line."""
