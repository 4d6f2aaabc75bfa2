"""The rule engine: rules, contexts, discovery, configuration, suppression, running."""
