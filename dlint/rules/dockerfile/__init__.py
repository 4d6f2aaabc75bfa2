"""Dockerfile rules: hadolint's DL codes and dlint's DF codes, one module each."""
