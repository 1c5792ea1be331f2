// Model registry routes: registered models (search, get, tags, latest versions), model versions
// (search, get, update, tags, download URI) and aliases, with MLflow's validation and messages.
import type { MlflowRegistry } from "../../scenario/registry/registry";
import type { ModelStage, ModelVersionRecord, RegisteredModelRecord } from "../../scenario/registry/records";
import { MODEL_VERSION_SEARCH, REGISTERED_MODEL_SEARCH, searchEntities } from "./entity-search";
import { invalidParameter, notFound } from "./errors";
import { paginate, PAGE_LIMITS } from "./paging";
import type { RequestFields } from "./request-fields";
import type { MlflowRoute } from "./routes";
import { latestVersions, listedModelVersionJson, modelVersionJson, omitUnset, registeredModelJson } from "./wire-shapes";

const TAG_KEY = /^[\w\-. :/]+$/;
const ALIAS_NAME = /^[\w-]+$/;
const STAGES: readonly ModelStage[] = ["None", "Staging", "Production", "Archived"];

function tagKey(fields: RequestFields): string {
  const key = fields.requiredString("key");
  if (key.length > 250 || !TAG_KEY.test(key)) {
    throw invalidParameter(`Invalid tag name: '${key}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).`);
  }
  return key;
}

function aliasName(fields: RequestFields): string {
  const alias = fields.requiredString("alias");
  if (alias.length > 255 || !ALIAS_NAME.test(alias)) {
    throw invalidParameter(`Invalid alias name: '${alias}'. Names may only contain alphanumerics, underscores (_) and dashes (-).`);
  }
  if (alias.toLowerCase() === "latest" || /^v\d+$/i.test(alias)) {
    throw invalidParameter(`'${alias}' is a reserved alias name: 'latest' and 'v<number>' refer to versions directly.`);
  }
  return alias;
}

function canonicalStage(stage: string): ModelStage {
  const found = STAGES.find((known) => known.toLowerCase() === stage.toLowerCase());
  if (!found) throw invalidParameter(`Invalid Model Version stage: ${stage}. Value must be one of ${STAGES.join(", ")}.`);
  return found;
}

export function registryRoutes(registry: MlflowRegistry): MlflowRoute[] {
  const findModel = (name: string): RegisteredModelRecord => {
    const model = registry.registeredModel(name);
    if (!model) throw notFound(`Registered Model with name=${name} not found`);
    return model;
  };
  const findVersion = (name: string, version: string): ModelVersionRecord => {
    if (!/^\d+$/.test(version)) throw invalidParameter(`Parameter 'version' must be an integer, got '${version}'.`);
    const found = registry.modelVersion(name, String(Number(version)));
    if (!found) throw notFound(`Model Version (name=${name}, version=${version}) not found`);
    return found;
  };
  const versionOf = (fields: RequestFields) => findVersion(fields.requiredString("name"), fields.requiredString("version"));
  const versionJson = (version: ModelVersionRecord) => modelVersionJson(version, registry.registeredModel(version.name));

  const getLatestVersions = (fields: RequestFields) => {
    const model = findModel(fields.requiredString("name"));
    const stages = fields.strings("stages").map(canonicalStage);
    const latest = latestVersions(registry.versionsOf(model.name), stages.length > 0 ? stages : undefined);
    return omitUnset({ model_versions: latest.map((version) => listedModelVersionJson(version, model)) });
  };

  return [
    {
      method: "GET",
      path: "/registered-models/search",
      handle: (fields) => {
        const found = searchEntities(registry.registeredModels(), REGISTERED_MODEL_SEARCH, fields.optionalString("filter"), fields.strings("order_by"));
        const page = paginate(found, fields, PAGE_LIMITS.registeredModels);
        const models = page.items.map((model) => registeredModelJson(model, registry.versionsOf(model.name)));
        return omitUnset({ registered_models: models, next_page_token: page.nextPageToken });
      },
    },
    {
      method: "GET",
      path: "/registered-models/get",
      handle: (fields) => {
        const model = findModel(fields.requiredString("name"));
        return { registered_model: registeredModelJson(model, registry.versionsOf(model.name)) };
      },
    },
    {
      method: "POST",
      path: "/registered-models/set-tag",
      handle: (fields) => {
        const model = findModel(fields.requiredString("name"));
        registry.setRegisteredModelTag(model.name, tagKey(fields), fields.requiredString("value"));
        return {};
      },
    },
    {
      method: "DELETE",
      path: "/registered-models/delete-tag",
      handle: (fields) => {
        const model = findModel(fields.requiredString("name"));
        registry.deleteRegisteredModelTag(model.name, tagKey(fields));
        return {};
      },
    },
    { method: "GET", path: "/registered-models/get-latest-versions", handle: getLatestVersions },
    { method: "POST", path: "/registered-models/get-latest-versions", handle: getLatestVersions },
    {
      method: "GET",
      path: "/model-versions/search",
      handle: (fields) => {
        const found = searchEntities(registry.modelVersions(), MODEL_VERSION_SEARCH, fields.optionalString("filter"), fields.strings("order_by"));
        const page = paginate(found, fields, PAGE_LIMITS.modelVersions);
        const listed = page.items.map((version) => listedModelVersionJson(version, registry.registeredModel(version.name)));
        return omitUnset({ model_versions: listed, next_page_token: page.nextPageToken });
      },
    },
    { method: "GET", path: "/model-versions/get", handle: (fields) => ({ model_version: versionJson(versionOf(fields)) }) },
    {
      method: "PATCH",
      path: "/model-versions/update",
      handle: (fields) => {
        const version = versionOf(fields);
        const updated = registry.updateModelVersionDescription(version.name, version.version, fields.optionalString("description"));
        return { model_version: versionJson(updated) };
      },
    },
    {
      method: "POST",
      path: "/model-versions/set-tag",
      handle: (fields) => {
        const version = versionOf(fields);
        registry.setModelVersionTag(version.name, version.version, tagKey(fields), fields.requiredString("value"));
        return {};
      },
    },
    {
      method: "DELETE",
      path: "/model-versions/delete-tag",
      handle: (fields) => {
        const version = versionOf(fields);
        registry.deleteModelVersionTag(version.name, version.version, tagKey(fields));
        return {};
      },
    },
    { method: "GET", path: "/model-versions/get-download-uri", handle: (fields) => ({ artifact_uri: versionOf(fields).artifactUri }) },
    {
      method: "POST",
      path: "/registered-models/alias",
      handle: (fields) => {
        const model = findModel(fields.requiredString("name"));
        const alias = aliasName(fields);
        const version = findVersion(model.name, fields.requiredString("version"));
        registry.setAlias(model.name, alias, version.version);
        return {};
      },
    },
    {
      method: "DELETE",
      path: "/registered-models/alias",
      handle: (fields) => {
        const model = findModel(fields.requiredString("name"));
        registry.deleteAlias(model.name, aliasName(fields));
        return {};
      },
    },
    {
      method: "GET",
      path: "/registered-models/alias",
      handle: (fields) => {
        const model = findModel(fields.requiredString("name"));
        const alias = aliasName(fields);
        const target = model.aliases.find((entry) => entry.alias === alias);
        // The OSS stores answer a missing alias with INVALID_PARAMETER_VALUE (400), not a 404.
        if (!target) throw invalidParameter(`Registered model alias ${alias} not found.`);
        return { model_version: versionJson(findVersion(model.name, target.version)) };
      },
    },
  ];
}
