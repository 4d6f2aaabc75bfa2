"""Rules across files (a Compose project and the Dockerfiles it builds): DX codes, one module each."""
