"""Views of the Dockerfile model: stages, the commands of RUN, variables, paths, the build context."""
