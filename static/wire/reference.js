// The wire's reference page: reads the API's OpenAPI document and draws each operation
// (method, address, what it does, its parameters and its answers) and the schemas those
// answers follow. The document is the one the API itself is built from, so the page cannot
// drift from the code. Text goes in through textContent only: nothing in the document can
// become markup. A file, not inline code, for the site's Content-Security-Policy.
"use strict";
(function () {
  const METHODS = ["get", "post", "put", "patch", "delete"];
  const PLACES = { query: "in the query", path: "in the path", header: "a header" };

  function make(tag, className, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    for (const child of children) {
      if (child === null || child === undefined || child === "") continue;
      node.append(child);
    }
    return node;
  }

  // The API's descriptions mark names and values with backticks, as Markdown does.
  function withCode(text) {
    const fragment = document.createDocumentFragment();
    String(text).split("`").forEach((part, index) => {
      if (part) fragment.append(index % 2 ? make("code", "", part) : part);
    });
    return fragment;
  }

  // Docstrings arrive wrapped at the code's line length: a blank line ends a paragraph.
  function paragraphs(text, className) {
    if (!text) return [];
    return text
      .split(/\n\s*\n/)
      .map((paragraph) => paragraph.replace(/\s*\n\s*/g, " ").trim())
      .filter(Boolean)
      .map((paragraph) => make("p", className, withCode(paragraph)));
  }

  function referenceName(schema) {
    const prefix = "#/components/schemas/";
    return schema && schema.$ref && schema.$ref.startsWith(prefix)
      ? schema.$ref.slice(prefix.length)
      : null;
  }

  function schemaAnchor(name) {
    return "schema-" + name;
  }

  // An optional value is written as "anyOf: [its type, null]": the type that matters.
  function withoutNull(schema) {
    if (schema && Array.isArray(schema.anyOf)) {
      const kinds = schema.anyOf.filter((kind) => kind.type !== "null");
      if (kinds.length === 1) return { ...schema, ...kinds[0], anyOf: undefined };
    }
    return schema || {};
  }

  // What a value is, in words: "integer", "array of objects", or a link to its schema.
  function typeOf(schema) {
    schema = withoutNull(schema);
    const name = referenceName(schema);
    if (name) {
      const link = make("a", "", name);
      link.href = "#" + schemaAnchor(name);
      return link;
    }
    if (schema.type === "array") {
      const items = typeOf(schema.items);
      const words = make("span", "", "array of ");
      words.append(typeof items === "string" ? items + "s" : items);
      return words;
    }
    if (Array.isArray(schema.anyOf)) {
      const words = make("span");
      schema.anyOf.forEach((kind, index) => {
        if (index) words.append(" or ");
        words.append(typeOf(kind));
      });
      return words;
    }
    return schema.type || "any value";
  }

  function limitsOf(schema) {
    schema = withoutNull(schema);
    const limits = [];
    const { minimum, maximum } = schema;
    if (minimum !== undefined && maximum !== undefined) {
      limits.push(`from ${minimum} to ${maximum}`);
    } else if (minimum !== undefined) {
      limits.push(`at least ${minimum}`);
    } else if (maximum !== undefined) {
      limits.push(`at most ${maximum}`);
    }
    if (schema.minLength !== undefined) limits.push(`at least ${schema.minLength} characters`);
    if (schema.maxLength !== undefined) limits.push(`at most ${schema.maxLength} characters`);
    if (Array.isArray(schema.enum)) limits.push("one of " + schema.enum.join(", "));
    if (schema.default !== undefined && schema.default !== null) {
      limits.push("default " + JSON.stringify(schema.default));
    }
    return limits;
  }

  // One name in a list of parameters or properties: its name and what it takes, then what
  // it is for.
  function field(name, notes, schema, description) {
    const facts = make("span", "field-facts");
    facts.append(typeOf(schema));
    for (const note of [...notes, ...limitsOf(schema)]) facts.append(", " + note);
    const term = make("dt", "", make("code", "field-name", name), " ", facts);
    return [term, make("dd", "", ...paragraphs(description))];
  }

  function parameterList(parameters) {
    if (!parameters || !parameters.length) {
      return make("p", "", "None.");
    }
    const list = make("dl", "fields");
    for (const parameter of parameters) {
      const notes = [
        PLACES[parameter.in] || parameter.in,
        parameter.required ? "required" : "optional",
      ];
      const description = parameter.description || withoutNull(parameter.schema).description;
      list.append(...field(parameter.name, notes, parameter.schema, description));
    }
    return list;
  }

  function responseSchema(response) {
    const content = response.content || {};
    const kinds = Object.keys(content);
    return kinds.length ? content[kinds[0]].schema : null;
  }

  function responseList(responses) {
    const list = make("dl", "fields responses");
    for (const [status, response] of Object.entries(responses || {})) {
      const term = make("dt", "", make("code", "status", status), " ", response.description || "");
      const details = make("dd");
      const schema = responseSchema(response);
      if (schema) {
        const follows = make("p", "", "Body: ");
        follows.append(typeOf(schema));
        details.append(follows, ...paragraphs(withoutNull(schema).description));
      } else {
        details.append(make("p", "", "No body."));
      }
      list.append(term, details);
    }
    return list;
  }

  function authentication(openapi, operation) {
    const requirements = operation.security || openapi.security || [];
    const schemes = (openapi.components && openapi.components.securitySchemes) || {};
    const bearer = requirements.some((requirement) =>
      Object.keys(requirement).some((name) => (schemes[name] || {}).scheme === "bearer"),
    );
    return bearer
      ? make("p", "operation-auth", withCode("Needs your key: `Authorization: Bearer nrw_…`."))
      : make("p", "operation-auth", "Needs no key.");
  }

  function operationId(path, method, operation) {
    const id = operation.operationId || method + path;
    return "operation-" + id.replace(/[^A-Za-z0-9_-]+/g, "-");
  }

  function operationSection(openapi, path, method, operation) {
    const id = operationId(path, method, operation);
    const heading = make(
      "h3",
      "operation-heading",
      make("span", "method", method.toUpperCase()),
      " ",
      make("span", "operation-path", path),
    );
    heading.id = id;
    const section = make(
      "section",
      "operation",
      heading,
      make("p", "operation-summary", operation.summary || ""),
      ...paragraphs(operation.description),
      authentication(openapi, operation),
      make("h4", "", "Parameters"),
      parameterList(operation.parameters),
      make("h4", "", "Responses"),
      responseList(operation.responses),
    );
    section.setAttribute("aria-labelledby", id);
    return section;
  }

  // The schemas the answers name, and the ones those name in turn, in the order met.
  function namedSchemas(openapi, operations) {
    const schemas = (openapi.components && openapi.components.schemas) || {};
    const found = [];
    const visit = (schema) => {
      if (!schema || typeof schema !== "object") return;
      const name = referenceName(schema);
      if (name && !found.includes(name) && schemas[name]) {
        found.push(name);
        visit(schemas[name]);
      }
      for (const value of Object.values(schema)) visit(value);
    };
    for (const { operation } of operations) {
      for (const response of Object.values(operation.responses || {})) {
        visit(responseSchema(response));
      }
    }
    return found.map((name) => [name, schemas[name]]);
  }

  function schemaSection(name, schema) {
    const heading = make("h3", "schema-heading", name);
    heading.id = schemaAnchor(name);
    const required = schema.required || [];
    const list = make("dl", "fields");
    for (const [property, value] of Object.entries(schema.properties || {})) {
      const notes = [required.includes(property) ? "always present" : "may be absent"];
      list.append(...field(property, notes, value, withoutNull(value).description));
    }
    const section = make("section", "schema", heading, ...paragraphs(schema.description), list);
    section.setAttribute("aria-labelledby", heading.id);
    return section;
  }

  function contents(entries) {
    const list = make("ul", "reference-contents");
    for (const [label, anchor] of entries) {
      const link = make("a", "", label);
      link.href = "#" + anchor;
      list.append(make("li", "", link));
    }
    return make("nav", "", list);
  }

  function operationsOf(openapi) {
    const operations = [];
    for (const [path, item] of Object.entries(openapi.paths || {})) {
      for (const method of METHODS) {
        if (item[method]) operations.push({ path, method, operation: item[method] });
      }
    }
    return operations;
  }

  function draw(place, status, openapi) {
    const operations = operationsOf(openapi);
    const schemas = namedSchemas(openapi, operations);
    const info = openapi.info || {};
    status.textContent =
      `${operations.length} operations of ${info.title || "the API"}, version ` +
      `${info.version || "?"}, from its OpenAPI ${openapi.openapi || ""} document.`;
    const index = contents([
      ...operations.map(({ path, method, operation }) => [
        method.toUpperCase() + " " + path,
        operationId(path, method, operation),
      ]),
      ...schemas.map(([name]) => [name + " (schema)", schemaAnchor(name)]),
    ]);
    index.setAttribute("aria-label", "Operations and schemas");
    place.append(index);
    for (const { path, method, operation } of operations) {
      place.append(operationSection(openapi, path, method, operation));
    }
    if (schemas.length) {
      const heading = make("h2", "", "Schemas");
      heading.id = "schemas";
      const section = make(
        "section",
        "reference-schemas",
        heading,
        make("p", "", "The shapes of the answers above, field by field."),
        ...schemas.map(([name, schema]) => schemaSection(name, schema)),
      );
      section.setAttribute("aria-labelledby", heading.id);
      place.after(section);
    }
    place.classList.add("is-drawn");
  }

  const place = document.querySelector("[data-openapi-url]");
  if (!place) return;
  const status = place.querySelector(".reference-status");
  const address = place.dataset.openapiUrl;
  status.textContent = "Reading the OpenAPI document…";
  fetch(address, { headers: { Accept: "application/json" } })
    .then((answer) => {
      if (!answer.ok) throw new Error(`the server answered ${answer.status}`);
      return answer.json();
    })
    .then((openapi) => draw(place, status, openapi))
    .catch((problem) => {
      const link = make("a", "", "OpenAPI document");
      link.href = address;
      status.replaceChildren(
        `The operations could not be drawn (${problem.message}); read the `,
        link,
        " itself.",
      );
      status.classList.add("is-failed");
    });
})();
