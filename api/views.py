"""The GraphQL endpoint: strict HTTP rules, limits before execution, no internals in errors.

- POST must carry a JSON body; form and multipart posts are refused, so a
  cross-site form can never trigger a mutation. GET serves queries only.
- Every malformed request (body too large, not UTF-8, not JSON, parameters of
  the wrong type, nested variables, NUL or lone surrogates in any string) is a
  JSON 4xx with a Danish message, before anything is parsed or executed.
- Documents are bounded before validation and execution (`api.limits`): size,
  tokens, fields after fragment expansion, depth, aliases, root fields, size
  arguments and cost. Rejections are 400 and run no SQL.
- Parse, analysis and validation results are cached by query text (`api.checks`, bounded by bytes).
- Answers to read-only operations are cached (`api.cache`), with ETag and
  Cache-Control for CDNs (`api.cache_http`); persisted queries (`api.persisted_queries`) let
  clients send a short GET.
- Unexpected exceptions are logged and answered with a generic JSON message.
"""

import json
import logging
import threading
from dataclasses import dataclass

from cachetools import LRUCache
from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from graphene_django.settings import graphene_settings
from graphene_django.views import MUTATION_ERRORS_FLAG, GraphQLView, HttpError, set_rollback
from graphql import GraphQLError, OperationType, execute, get_operation_ast

from . import cache as response_cache
from . import persisted_queries
from .cache_http import cacheable_response, mark_no_store
from .checks import check
from .cost import OperationLimits
from .graphiql import graphiql_page
from .limits import (
    MAX_BODY_BYTES,
    MAX_COST,
    MAX_INTROSPECTION_COST,
)
from .request_params import Refusal, parse_body, request_body, request_params

logger = logging.getLogger(__name__)

# The schema composed in cms/schema.py, named in settings.GRAPHENE: api never imports the layer above it.
schema = graphene_settings.SCHEMA

INTERNAL_ERROR = "Der opstod en intern fejl. Prøv igen senere."


# Answers to introspection-only operations, by text, operation name and variables (about 130 kB each).
_introspection_results: LRUCache = LRUCache(maxsize=16)
_introspection_lock = threading.Lock()  # gthread workers share a process


def _never_awaitable(value) -> bool:
    """Every resolver is synchronous: graphql-core need not inspect each value it resolves (a few % of a request)."""
    return False


@dataclass(frozen=True)
class Outcome:
    body: str
    status: int
    had_errors: bool
    accepted: bool  # passed every check and was executed
    is_query: bool


class ApiView(GraphQLView):
    graphiql = False

    def render_graphiql(self, request, **data):
        # Our own page: GraphiQL from our static files (no CDN), with the docs' examples as tabs.
        return graphiql_page(request)

    def dispatch(self, request, *args, **kwargs):
        """GraphQLView.dispatch with strict parameters, the response cache and persisted queries.

        Unlike the base class it sets no CSRF cookie: a Set-Cookie would keep CDNs
        from holding the answers, and JSON-only POSTs need no CSRF token.
        """
        if self.graphiql and request.method == "GET" and self.can_display_graphiql(request, request.GET):
            return super().dispatch(request, *args, **kwargs)
        try:
            return self._dispatch(request)
        except HttpError as error:
            response = error.response
            response["Content-Type"] = "application/json"
            response.content = self.json_encode(request, {"errors": [{"message": error.message}]})
            return mark_no_store(response)
        except Exception:  # a bug: never a traceback or an HTML page, DEBUG or not
            logger.exception("GraphQL request failed")
            return mark_no_store(JsonResponse({"errors": [{"message": INTERNAL_ERROR}]}, status=500))

    def _dispatch(self, request):
        if request.method not in ("GET", "POST"):
            raise HttpError(HttpResponseNotAllowed(["GET", "POST"]), "Brug GET eller POST.")
        # graphql_view() looked the request up already; a hit never gets here.
        lookup = request.graphql_cache_lookup if hasattr(request, "graphql_cache_lookup") else cache_lookup(request)
        if lookup is not None and lookup.entry is not None:
            return cacheable_response(request, lookup.entry, hit=True)
        data = parse_body(request)
        query, variables, operation_name, extensions = request_params(request, data)
        try:
            persisted = persisted_queries.resolve(query=query, extensions=extensions)
        except persisted_queries.PersistedQueryError as error:
            body = {"errors": [{"message": error.message, "extensions": {"code": error.code}}]}
            return mark_no_store(JsonResponse(body, status=error.status))
        outcome = self._run(request, data, persisted.query, variables, operation_name, extensions)
        if persisted.digest is not None and outcome.accepted:
            persisted_queries.register(request=request, query=persisted.query, digest=persisted.digest)
        if (
            lookup is not None
            and outcome.status == 200
            and not outcome.had_errors
            and outcome.is_query
            and not self._no_store(request)
            # A hit would skip the registration, and a client whose hash was evicted would
            # get PersistedQueryNotFound, register, hit, and loop: registrations always run.
            and persisted.digest is None
        ):
            entry = response_cache.entry_set(lookup, outcome.body.encode())
            return cacheable_response(request, entry, hit=False)
        return mark_no_store(HttpResponse(outcome.body, status=outcome.status, content_type="application/json"))

    @staticmethod
    def _no_store(request) -> bool:
        # Set by resolvers whose answer is private to this request (previews).
        return getattr(request, "graphql_no_store", False) is True

    def _run(self, request, data, query, variables, operation_name, extensions) -> Outcome:
        """Check, execute and encode; says whether there were errors and whether the document was accepted."""
        if not query:
            raise Refusal("Forespørgslen mangler: send en GraphQL-forespørgsel i feltet 'query'.")
        checked = check(request, query, variables, operation_name)
        if checked.errors:
            body = {"errors": [{"message": message} for message in checked.errors]}
            return Outcome(self.json_encode(request, body), 400, True, accepted=False, is_query=False)
        introspection_key = None
        if checked.limits.introspection and checked.limits.cost == 0:
            # Only the schema, which a process never changes: GraphiQL and codegen send the same text each time.
            introspection_key = (query, operation_name, json.dumps(variables, sort_keys=True))
            with _introspection_lock:
                result = _introspection_results.get(introspection_key)
        if introspection_key is None or result is None:
            result = execute(
                schema.graphql_schema,
                checked.document,
                root_value=self.get_root_value(request),
                context_value=self.get_context(request),
                variable_values=variables,
                operation_name=operation_name,
                middleware=self.get_middleware(request),
                is_awaitable=_never_awaitable,
            )
            if introspection_key is not None and not result.errors:
                with _introspection_lock:
                    _introspection_results[introspection_key] = result
        if getattr(request, MUTATION_ERRORS_FLAG, False) is True:
            set_rollback()
        status_code = 200
        response = {}
        if result.errors:
            set_rollback()
            response["errors"] = [self.format_error(error) for error in result.errors]
        if result.errors and any(not getattr(error, "path", None) for error in result.errors):
            status_code = 400  # e.g. variables of the wrong type: nothing was executed
        else:
            response["data"] = result.data
        if isinstance(extensions, dict) and extensions.get("cost") is True:
            response["extensions"] = {"cost": cost_extension(checked.limits)}
        operation = get_operation_ast(checked.document, operation_name)
        return Outcome(
            self.json_encode(request, response),
            status_code,
            bool(result.errors),
            accepted=status_code == 200,
            is_query=operation is not None and operation.operation == OperationType.QUERY,
        )

    @staticmethod
    def format_error(error):
        original = getattr(error, "original_error", None)
        if isinstance(error, GraphQLError) and original is not None and not isinstance(original, GraphQLError):
            logger.error("GraphQL resolver failed", exc_info=original)
            return {"message": INTERNAL_ERROR, "path": error.path}
        return GraphQLView.format_error(error)

    def execute_graphql_request(self, *args, **kwargs):  # pragma: no cover - the base class's path is not used
        raise NotImplementedError("ApiView runs requests through check() and execute()")


def cost_extension(limits: OperationLimits) -> dict:
    """What `extensions: {"cost": true}` adds to an answer (like GitHub's and Shopify's cost fields)."""
    cost = {"requested": limits.cost, "limit": MAX_COST}
    if limits.introspection:
        cost.update(introspection=limits.introspection_cost, introspectionLimit=MAX_INTROSPECTION_COST)
    return cost


def cache_lookup(request) -> response_cache.Lookup | None:
    """The response-cache lookup for this request's bytes, or None if it must not use the cache."""
    if not response_cache.enabled():
        return None
    if request.method == "POST":
        request_body(request)  # a body over the limit is refused before the cache reads it
    key = response_cache.request_key(request, max_bytes=MAX_BODY_BYTES)
    return response_cache.entry_lookup(key) if key is not None else None


def graphql_view():
    """The /graphql/ endpoint: cache hits are answered here, everything else by ApiView.

    A hit needs nothing of the class-based view (per-request instance, parsing,
    graphene's setup), so it is answered before any of that is built.
    """
    graphiql = getattr(settings, "GRAPHIQL_ENABLED", False)
    view = ApiView.as_view(schema=schema, graphiql=graphiql)
    methods = ("POST",) if graphiql else ("GET", "POST")  # with GraphiQL, a GET may want its HTML page

    @csrf_exempt  # JSON-only POSTs cannot come from a cross-site form
    def endpoint(request, *args, **kwargs):
        if request.method in methods:
            try:
                lookup = cache_lookup(request)
            except Refusal as refusal:
                body = {"errors": [{"message": refusal.message}]}
                return mark_no_store(JsonResponse(body, status=refusal.response.status_code))
            if lookup is not None and lookup.entry is not None:
                return cacheable_response(request, lookup.entry, hit=True)
            request.graphql_cache_lookup = lookup
        return view(request, *args, **kwargs)

    return endpoint
