"""Shell rules: the ShellCheck family (SC codes), run by ShellCheck over the scripts of RUN and of Compose commands."""
