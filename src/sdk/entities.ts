import type { AutumnCore } from "../core.js";
import { entitiesCreate } from "../funcs/entities-create.js";
import { entitiesDelete } from "../funcs/entities-delete.js";
import { entitiesGet } from "../funcs/entities-get.js";
import { entitiesList } from "../funcs/entities-list.js";
import { entitiesListItems } from "../funcs/entities-list-items.js";
import { entitiesListPages } from "../funcs/entities-list-pages.js";
import { entitiesUpdate } from "../funcs/entities-update.js";
import type { RequestOptions } from "../lib/config.js";
import { unwrapAsync, unwrapPages } from "../lib/result.js";
import type { Entity } from "../models/entity.js";
import type { EntitiesCreateParams } from "../models/operations/entities-create.js";
import type { EntitiesDeleteParams, EntitiesDeleteResponse } from "../models/operations/entities-delete.js";
import type { EntitiesGetParams } from "../models/operations/entities-get.js";
import type { EntitiesListParams, EntityPage } from "../models/operations/entities-list.js";
import type { EntitiesUpdateParams } from "../models/operations/entities-update.js";

/** Entities: seats, workspaces and other resources of a customer, each with its own balances. Methods throw on error. */
export class Entities {
  readonly #core: AutumnCore;

  constructor(core: AutumnCore) {
    this.#core = core;
  }

  /** Creates an entity under a customer. */
  create(params: EntitiesCreateParams, options?: RequestOptions): Promise<Entity> {
    return unwrapAsync(entitiesCreate(this.#core, params, options));
  }

  /** Gets an entity by your id. */
  get(params: EntitiesGetParams, options?: RequestOptions): Promise<Entity> {
    return unwrapAsync(entitiesGet(this.#core, params, options));
  }

  /** Lists one page of entities. */
  list(params?: EntitiesListParams, options?: RequestOptions): Promise<EntityPage> {
    return unwrapAsync(entitiesList(this.#core, params, options));
  }

  /** Walks every page of entities; throws the first error. */
  listPages(params?: EntitiesListParams, options?: RequestOptions): AsyncGenerator<EntityPage, void, undefined> {
    return unwrapPages(entitiesListPages(this.#core, params, options));
  }

  /** Every entity across the pages, for `for await`; throws the first error. */
  listItems(params?: EntitiesListParams, options?: RequestOptions): AsyncGenerator<EntityPage["list"][number], void, undefined> {
    return unwrapPages(entitiesListItems(this.#core, params, options));
  }

  /** Updates an entity's billing controls. */
  update(params: EntitiesUpdateParams, options?: RequestOptions): Promise<Entity> {
    return unwrapAsync(entitiesUpdate(this.#core, params, options));
  }

  /** Deletes an entity. */
  delete(params: EntitiesDeleteParams, options?: RequestOptions): Promise<EntitiesDeleteResponse> {
    return unwrapAsync(entitiesDelete(this.#core, params, options));
  }
}
