"""The GraphQL endpoint: strict HTTP rules, limits before execution, no internals in errors.

- POST must carry a JSON body; form and multipart posts are refused, so a
  cross-site form can never trigger a mutation. GET serves queries only.
- Documents are size-, token-, depth- and alias-limited, and size arguments are
  checked, all before any resolver (and so any SQL) runs. Rejections are 400.
- Parse and validation results are cached by query text.
- Answers to read-only operations are cached (`api.cache`), with ETag and
  Cache-Control for CDNs; persisted queries (APQ) let clients send a short GET.
- Unexpected exceptions are logged and reported as a generic message.
"""

import logging
import re
from functools import lru_cache

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import MUTATION_ERRORS_FLAG, GraphQLView, HttpError, set_rollback
from graphql import ExecutionResult, GraphQLError, OperationType, execute, get_operation_ast, parse, validate
from graphql.error import GraphQLSyntaxError
from graphql.validation import specified_rules

from cms.schema import schema

from . import cache as response_cache
from .graphiql import graphiql_page
from .limits import (
    LIMIT_RULES,
    MAX_QUERY_BYTES,
    MAX_TOKENS,
    document_limit_errors,
    quick_limit_errors,
    size_arguments,
    size_errors,
)

logger = logging.getLogger(__name__)

# graphql-core's `rules=` replaces the standard rules, so they are listed first.
VALIDATION_RULES = (*specified_rules, *LIMIT_RULES)
SUGGESTION = re.compile(r"\s*Did you mean .*\?$", re.DOTALL)
INTERNAL_ERROR = "Der opstod en intern fejl. Prøv igen senere."


class BadRequest(HttpError):
    def __init__(self, message: str):
        super().__init__(HttpResponseBadRequest(message), message)


@lru_cache(maxsize=512)
def _parse_and_validate(query: str):
    """(document, error messages, size arguments) for a query text.

    Cached, as parsing and validation cost more than a small execution.
    """
    quick = quick_limit_errors(query)
    if quick:
        return None, tuple(quick), ()
    try:
        document = parse(query, max_tokens=MAX_TOKENS)
    except GraphQLSyntaxError as error:
        return None, (error.message,), ()
    sizes = size_arguments(document)
    # The limits first and alone: they are cheap, while the standard rules on an abusive
    # document (hundreds of aliases, deep nesting) cost milliseconds. Sizes written
    # literally are checked here too; those in variables are checked per request.
    limit_errors = document_limit_errors(document) or size_errors(sizes, None)
    if limit_errors:
        return document, tuple(limit_errors), sizes
    errors = validate(schema.graphql_schema, document, specified_rules, max_errors=20)
    return document, tuple(_without_suggestions(error.message) for error in errors), sizes


def _without_suggestions(message: str) -> str:
    """graphql-core appends "Did you mean 'x', 'y'?" with names from the schema: errors list no fields."""
    return SUGGESTION.sub("", message)


class ApiView(GraphQLView):
    graphiql = False

    def render_graphiql(self, request, **data):
        # Our own page: GraphiQL from our static files (no CDN), with the docs' examples as tabs.
        return graphiql_page(request)

    def dispatch(self, request, *args, **kwargs):
        """GraphQLView.dispatch with the response cache and persisted queries around execution.

        Unlike the base class it sets no CSRF cookie: a Set-Cookie would keep CDNs
        from holding the answers, and JSON-only POSTs need no CSRF token.
        """
        if self.graphiql and request.method == "GET" and self.can_display_graphiql(request, request.GET):
            return super().dispatch(request, *args, **kwargs)
        try:
            if request.method not in ("GET", "POST"):
                raise HttpError(HttpResponseNotAllowed(["GET", "POST"], "Brug GET eller POST."))
            # graphql_view() looked the request up already; a hit never gets here.
            lookup = request.graphql_cache_lookup if hasattr(request, "graphql_cache_lookup") else cache_lookup(request)
            if lookup is not None and lookup.entry is not None:
                return response_cache.cacheable_response(request, lookup.entry, hit=True)
            data = self.parse_body(request)
            query, variables, operation_name, _id = self.get_graphql_params(request, data)
            try:
                query, registers = response_cache.persisted_query_resolve(
                    query=query, extensions=data.get("extensions"), max_bytes=MAX_QUERY_BYTES
                )
            except response_cache.PersistedQueryError as error:
                body = {"errors": [{"message": error.message, "extensions": {"code": error.code}}]}
                return response_cache.mark_no_store(JsonResponse(body, status=error.status))
            body, status_code, had_errors = self._run(request, data, query, variables, operation_name)
            if (
                lookup is not None
                and status_code == 200
                and not had_errors
                and not self._no_store(request)
                # A hit would skip the registration, and a client whose hash was evicted would
                # get PersistedQueryNotFound, register, hit, and loop: registrations always run.
                and not registers
                and self._cacheable(query, variables, operation_name)
            ):
                entry = response_cache.entry_set(lookup, body.encode())
                return response_cache.cacheable_response(request, entry, hit=False)
            return response_cache.mark_no_store(HttpResponse(body, status=status_code, content_type="application/json"))
        except HttpError as error:
            response = error.response
            response["Content-Type"] = "application/json"
            response.content = self.json_encode(request, {"errors": [self.format_error(error)]})
            return response_cache.mark_no_store(response)

    @staticmethod
    def _cacheable(query, variables, operation_name) -> bool:
        """Whether an error-free answer may be stored: queries only, never mutations."""
        if not query or len(query.encode()) > MAX_QUERY_BYTES:
            return False
        document, messages, sizes = _parse_and_validate(query)
        if messages or size_errors(sizes, variables):
            return False
        operation = get_operation_ast(document, operation_name)
        return operation is not None and operation.operation == OperationType.QUERY

    @staticmethod
    def _no_store(request) -> bool:
        # Set by resolvers whose answer is private to this request (previews).
        return getattr(request, "graphql_no_store", False) is True

    def _run(self, request, data, query, variables, operation_name) -> tuple[str, int, bool]:
        """GraphQLView.get_response for already-read parameters; also says whether there were errors."""
        result = self.execute_graphql_request(request, data, query, variables, operation_name)
        if getattr(request, MUTATION_ERRORS_FLAG, False) is True:
            set_rollback()
        status_code = 200
        response = {}
        if result.errors:
            set_rollback()
            response["errors"] = [self.format_error(error) for error in result.errors]
        if result.errors and any(not getattr(error, "path", None) for error in result.errors):
            status_code = 400
        else:
            response["data"] = result.data
        return self.json_encode(request, response), status_code, bool(result.errors)

    def parse_body(self, request):
        if request.method == "GET":
            return request.GET
        content_type = self.get_content_type(request)
        if content_type != "application/json":
            raise BadRequest("POST-forespørgsler skal have Content-Type: application/json.")
        if len(request.body) > MAX_QUERY_BYTES * 4:
            raise BadRequest("Forespørgslen er for stor.")
        return super().parse_body(request)

    def get_graphql_params(self, request, data):
        query, variables, operation_name, id_ = super().get_graphql_params(request, data)
        if variables is not None and not isinstance(variables, dict):
            raise BadRequest("variables skal være et JSON-objekt.")
        return query, variables, operation_name, id_

    def execute_graphql_request(self, request, data, query, variables, operation_name, show_graphiql=False):
        if not query:
            if show_graphiql:
                return None
            raise BadRequest("Forespørgslen mangler: send en GraphQL-forespørgsel i feltet 'query'.")
        if len(query.encode()) > MAX_QUERY_BYTES:
            return ExecutionResult(errors=[GraphQLError(f"Forespørgslen er for stor (højst {MAX_QUERY_BYTES} bytes).")])
        document, messages, sizes = _parse_and_validate(query)
        if messages:
            return ExecutionResult(errors=[GraphQLError(message) for message in messages])
        operation = get_operation_ast(document, operation_name)
        if operation is None:
            name = f"'{operation_name}'" if operation_name else "uden navn"
            return ExecutionResult(errors=[GraphQLError(f"Forespørgslen {name} findes ikke i dokumentet.")])
        if request.method == "GET" and operation.operation != OperationType.QUERY:
            return ExecutionResult(errors=[GraphQLError("Mutationer kræver POST med en JSON-body.")])
        too_large = size_errors(sizes, variables)
        if too_large:
            return ExecutionResult(errors=[GraphQLError(message) for message in too_large])
        return execute(
            schema.graphql_schema,
            document,
            root_value=self.get_root_value(request),
            context_value=self.get_context(request),
            variable_values=variables,
            operation_name=operation_name,
            middleware=self.get_middleware(request),
        )

    @staticmethod
    def format_error(error):
        original = getattr(error, "original_error", None)
        if isinstance(error, GraphQLError) and original is not None and not isinstance(original, GraphQLError):
            logger.error("GraphQL resolver failed", exc_info=original)
            return {"message": INTERNAL_ERROR, "path": error.path}
        return GraphQLView.format_error(error)


def cache_lookup(request) -> response_cache.Lookup | None:
    """The response-cache lookup for this request's bytes, or None if it must not use the cache."""
    if not response_cache.enabled():
        return None
    key = response_cache.request_key(request, max_bytes=MAX_QUERY_BYTES * 4)
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
            lookup = cache_lookup(request)
            if lookup is not None and lookup.entry is not None:
                return response_cache.cacheable_response(request, lookup.entry, hit=True)
            request.graphql_cache_lookup = lookup
        return view(request, *args, **kwargs)

    return endpoint
