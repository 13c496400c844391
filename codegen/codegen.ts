// Typed-client check: a TypeScript client generated from the committed schema and the
// contract operations. If a schema change breaks an operation the website or the jobs
// send, generation (or the type check after it) fails the build. Output is not committed.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../schema.graphql",
  documents: ["../tests/api/contract_frontend.graphql", "../tests/api/contract_jobs.graphql"],
  errorsOnly: false,
  noSilentErrors: true,
  generates: {
    "generated/graphql.ts": {
      plugins: ["typescript", "typescript-operations"],
      config: {
        strictScalars: true,
        scalars: { Date: "string", DateTime: "string", Time: "string", Decimal: "string", JSONString: "string" },
        enumsAsTypes: true,
        avoidOptionals: true,
      },
    },
  },
};

export default config;
