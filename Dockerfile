# syntax=docker/dockerfile:1
# Build stage: resolve the pinned dependencies into a virtualenv (no dev extras).
FROM python:3.11-slim AS build
WORKDIR /src
RUN python -m venv /venv
ENV PATH=/venv/bin:$PATH
COPY requirements.lock pyproject.toml README.md ./
COPY mskg ./mskg
RUN pip install --no-cache-dir -c requirements.lock .

# Runtime stage: the virtualenv, the corpus, a non-root user.
FROM python:3.11-slim
RUN useradd --create-home --uid 10001 --user-group mskg && mkdir -p /data /app \
    && chown 10001:10001 /data
COPY --from=build /venv /venv
COPY corpus /app/corpus
ENV PATH=/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    MSKG_DATA_DIR=/data
WORKDIR /app
USER 10001:10001
EXPOSE 8000
CMD ["mskg", "serve", "--host", "0.0.0.0", "--port", "8000"]
