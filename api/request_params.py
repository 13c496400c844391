"""The HTTP side of a GraphQL request: the body and its parameters, each of its one accepted type.

Every malformed request is refused here with a Danish message and a JSON 4xx,
before any GraphQL work: a body over the limit (413), not UTF-8, not JSON, not
an object, parameters of the wrong type, nesting in variables, NUL or lone
surrogates in any string.
"""

import json

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from graphene_django.views import HttpError

from .limits import INVALID_CHARACTER_MESSAGE, MAX_BODY_BYTES, MAX_VARIABLE_NESTING
from .text_scan import has_invalid_characters, nesting_depth

BODY_TOO_LARGE = f"Forespørgslen er for stor: body må højst fylde {MAX_BODY_BYTES} bytes."


class Refusal(HttpError):
    """A request refused before any GraphQL work, with a Danish message and a JSON body."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(HttpResponse(status=status), message)


def _content_type(request) -> str:
    meta = request.META  # as graphene-django's GraphQLView.get_content_type reads it
    return meta.get("CONTENT_TYPE", meta.get("HTTP_CONTENT_TYPE", "")).split(";", 1)[0].lower()


def parse_body(request) -> dict:
    if request.method == "GET":
        return request.GET
    if _content_type(request) != "application/json":
        raise Refusal("POST-forespørgsler skal have Content-Type: application/json.")
    raw = request_body(request)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Refusal("Forespørgslens body er ikke gyldig UTF-8.") from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise Refusal("Forespørgslens JSON er for dybt indlejret.") from None
    except ValueError:
        raise Refusal("Forespørgslens body er ikke gyldig JSON.") from None
    if not isinstance(data, dict):
        raise Refusal('Forespørgslens body skal være et JSON-objekt: {"query": …, "variables": …}.')
    return data


def request_params(request, data) -> tuple[str | None, dict | None, str | None, object]:
    """query, variables, operationName and extensions, each of its one accepted type."""
    query = request.GET.get("query") or data.get("query")
    variables = request.GET.get("variables") or data.get("variables")
    operation_name = request.GET.get("operationName") or data.get("operationName")
    extensions = data.get("extensions")
    if query is not None and not isinstance(query, str):
        raise Refusal("query skal være en tekst (en GraphQL-forespørgsel).")
    if isinstance(variables, str):
        try:
            variables = json.loads(variables) if variables.strip() else None
        except RecursionError:
            raise Refusal("variables er for dybt indlejret.") from None
        except ValueError:
            raise Refusal("variables er ikke gyldig JSON.") from None
    if variables is not None and not isinstance(variables, dict):
        raise Refusal("variables skal være et JSON-objekt.")
    if operation_name == "null":
        operation_name = None
    if operation_name is not None and not isinstance(operation_name, str):
        raise Refusal("operationName skal være en tekst.")
    if isinstance(extensions, str):
        try:
            extensions = json.loads(extensions)
        except (ValueError, RecursionError):
            raise Refusal("extensions er ikke gyldig JSON.") from None
    if extensions is not None and not isinstance(extensions, dict):
        raise Refusal("extensions skal være et JSON-objekt.")
    for value in (variables, extensions):
        if value is not None and nesting_depth(value, limit=MAX_VARIABLE_NESTING) > MAX_VARIABLE_NESTING:
            raise Refusal(f"variables og extensions må højst være indlejret {MAX_VARIABLE_NESTING} niveauer.")
    if has_invalid_characters([query, operation_name, variables, extensions]):
        raise Refusal(INVALID_CHARACTER_MESSAGE)
    return query, variables, operation_name, extensions


def request_body(request) -> bytes:
    """The raw body, refused with 413 when it is over MAX_BODY_BYTES (checked before reading it all)."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BODY_BYTES:
        raise Refusal(BODY_TOO_LARGE, status=413)
    try:
        body = request.body
    except RequestDataTooBig:  # no or a false Content-Length: Django's own cap stopped the read
        raise Refusal(BODY_TOO_LARGE, status=413) from None
    if len(body) > MAX_BODY_BYTES:
        raise Refusal(BODY_TOO_LARGE, status=413)
    return body
