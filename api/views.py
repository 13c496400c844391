"""The GraphQL endpoint: strict HTTP rules, limits before execution, no internals in errors.

- POST must carry a JSON body; form and multipart posts are refused, so a
  cross-site form can never trigger a mutation. GET serves queries only.
- Documents are size-, token-, depth- and alias-limited, and size arguments are
  checked, all before any resolver (and so any SQL) runs. Rejections are 400.
- Parse and validation results are cached by query text.
- Unexpected exceptions are logged and reported as a generic message.
"""

import logging
import re
from functools import lru_cache

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView, HttpError
from graphql import ExecutionResult, GraphQLError, OperationType, execute, get_operation_ast, parse, validate
from graphql.error import GraphQLSyntaxError
from graphql.validation import specified_rules

from cms.schema import schema

from .limits import LIMIT_RULES, MAX_QUERY_BYTES, MAX_TOKENS, size_argument_errors

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
    """(document, error messages) for a query text; cached, as both steps cost more than a small execution."""
    try:
        document = parse(query, max_tokens=MAX_TOKENS)
    except GraphQLSyntaxError as error:
        return None, (error.message,)
    errors = validate(schema.graphql_schema, document, VALIDATION_RULES, max_errors=20)
    return document, tuple(_without_suggestions(error.message) for error in errors)


def _without_suggestions(message: str) -> str:
    """graphql-core appends "Did you mean 'x', 'y'?" with names from the schema: errors list no fields."""
    return SUGGESTION.sub("", message)


@method_decorator(csrf_exempt, name="dispatch")  # JSON-only POSTs cannot come from a cross-site form
class ApiView(GraphQLView):
    graphiql = False

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
        document, messages = _parse_and_validate(query)
        if messages:
            return ExecutionResult(errors=[GraphQLError(message) for message in messages])
        operation = get_operation_ast(document, operation_name)
        if operation is None:
            name = f"'{operation_name}'" if operation_name else "uden navn"
            return ExecutionResult(errors=[GraphQLError(f"Forespørgslen {name} findes ikke i dokumentet.")])
        if request.method == "GET" and operation.operation != OperationType.QUERY:
            return ExecutionResult(errors=[GraphQLError("Mutationer kræver POST med en JSON-body.")])
        size_errors = size_argument_errors(document, variables)
        if size_errors:
            return ExecutionResult(errors=[GraphQLError(message) for message in size_errors])
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


def graphql_view():
    return ApiView.as_view(schema=schema, graphiql=getattr(settings, "GRAPHIQL_ENABLED", False))
