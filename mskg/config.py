"""Settings from the environment (``MSKG_*``) with sensible defaults for one machine."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_BASE_IRI = "https://w3id.org/mskg"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MSKG_", extra="ignore")

    data_dir: Path = Field(Path("data"), description="Where the embedded stores keep their files.")
    graph_url: str | None = Field(
        None,
        description="Unset: embedded FalkorDB. redis://… external FalkorDB; "
        "bolt://, neo4j://, neo4j+s://… Neo4j.",
    )
    graph_name: str = Field("mskg", description="FalkorDB graph key / Neo4j database name.")
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = None
    neo4j_database: str | None = None
    neo4j_readonly_user: str | None = None
    neo4j_readonly_password: str | None = None
    base_iri: str = Field(DEFAULT_BASE_IRI, description="IRIs are {base}/id/{id}.")
    query_timeout: float = Field(10.0, description="Seconds before a read query is stopped.")
    sparql_workers: int = Field(
        2, ge=1, description="SPARQL worker processes (queries answered at once)."
    )
    row_cap: int = Field(1000, description="Rows returned by ad-hoc queries before truncating.")
    api_keys: str = Field("", description="Comma-separated keys accepted in X-API-Key.")
    cors_origins: str = Field("", description="Comma-separated origins allowed by CORS.")
    max_body_bytes: int = Field(5_000_000, description="Largest request body accepted.")

    @property
    def base(self) -> str:
        return self.base_iri.rstrip("/")

    def api_key_list(self) -> list[str]:
        return [k.strip() for k in self.api_keys.split(",") if k.strip()]


@lru_cache
def get_settings() -> Settings:
    return Settings()
