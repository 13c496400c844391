/* GraphiQL for the Helhedsplan API: our endpoint, and the examples of docs/api.md as tabs. */
(function () {
  "use strict";
  var tabs = JSON.parse(document.getElementById("graphiql-tabs").textContent);
  var endpoint = window.location.pathname;

  function fetcher(params) {
    // Without cookies, like the website: the answers are the public ones, and cacheable.
    return fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(params),
      credentials: "omit",
    }).then(function (response) {
      return response.json();
    });
  }

  ReactDOM.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: tabs,
      defaultEditorToolsVisibility: true,
    }),
    document.getElementById("graphiql")
  );
})();
