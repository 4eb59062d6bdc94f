from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


async def health(request):
    return JSONResponse({"status": "ok"})


async def greet(request):
    name = request.query_params.get("name", "world")
    return JSONResponse({"message": f"Hello, {name}!"})


app = Starlette(routes=[Route("/health", health), Route("/", greet)])
