"""Views of the Compose model: YAML nodes as written, values, ports, resources, what services build."""
