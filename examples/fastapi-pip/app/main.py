from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI(title="fastapi-pip example")


class Item(BaseModel):
    name: str
    price: float


ITEMS: dict[int, Item] = {}


@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@app.put("/items/{item_id}")
def put_item(item_id: int, item: Item) -> Item:
    ITEMS[item_id] = item
    return item


@app.get("/items/{item_id}")
def get_item(item_id: int) -> Item | None:
    return ITEMS.get(item_id)
