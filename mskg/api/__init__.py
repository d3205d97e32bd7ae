"""The HTTP service: FastAPI, one router per concern (``routes/``)."""
