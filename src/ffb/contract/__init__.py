"""The data contract: importing KL's reference data into the schemas and locating artefacts."""
