from fastapi import FastAPI

api = FastAPI()


@api.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}
