export const id = 592;
export const ids = [592];
export const modules = {

/***/ 6255:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  t$: () => (/* reexport */ createRestError),
  KU: () => (/* reexport */ getClient),
  Iq: () => (/* reexport */ operationOptionsToRequestParameters)
});

// UNUSED EXPORTS: addCredentialPipelinePolicy, getBinaryStreamResponse

// EXTERNAL MODULE: ./node_modules/@typespec/ts-http-runtime/dist/esm/index.js + 20 modules
var esm = __webpack_require__(5752);
;// CONCATENATED MODULE: ./node_modules/@azure-rest/core-client/dist/esm/restError.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

function createRestError(messageOrResponse, response) {
    if (typeof messageOrResponse === "string") {
        return (0,esm/* createRestError */.t$)(messageOrResponse, response);
    }
    else {
        return (0,esm/* createRestError */.t$)(messageOrResponse);
    }
}
//# sourceMappingURL=restError.js.map
// EXTERNAL MODULE: ./node_modules/@azure/core-rest-pipeline/dist/esm/index.js + 38 modules
var dist_esm = __webpack_require__(8978);
// EXTERNAL MODULE: ./node_modules/@azure/core-auth/dist/esm/index.js + 4 modules
var core_auth_dist_esm = __webpack_require__(8365);
;// CONCATENATED MODULE: ./node_modules/@azure-rest/core-client/dist/esm/apiVersionPolicy.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
const apiVersionPolicyName = "ApiVersionPolicy";
/**
 * Creates a policy that sets the apiVersion as a query parameter on every request
 * @param options - Client options
 * @returns Pipeline policy that sets the apiVersion as a query parameter on every request
 */
function apiVersionPolicy(options) {
    return {
        name: apiVersionPolicyName,
        sendRequest: (req, next) => {
            // Use the apiVesion defined in request url directly
            // Append one if there is no apiVesion and we have one at client options
            const url = new URL(req.url);
            if (!url.searchParams.get("api-version") && options.apiVersion) {
                req.url = `${req.url}${url.searchParams.size > 0 ? "&" : "?"}api-version=${options.apiVersion}`;
            }
            return next(req);
        },
    };
}
//# sourceMappingURL=apiVersionPolicy.js.map
;// CONCATENATED MODULE: ./node_modules/@azure-rest/core-client/dist/esm/keyCredentialAuthenticationPolicy.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * The programmatic identifier of the bearerTokenAuthenticationPolicy.
 */
const keyCredentialAuthenticationPolicyName = "keyCredentialAuthenticationPolicy";
function keyCredentialAuthenticationPolicy(credential, apiKeyHeaderName) {
    return {
        name: keyCredentialAuthenticationPolicyName,
        sendRequest(request, next) {
            request.headers.set(apiKeyHeaderName, credential.key);
            return next(request);
        },
    };
}
//# sourceMappingURL=keyCredentialAuthenticationPolicy.js.map
;// CONCATENATED MODULE: ./node_modules/@azure-rest/core-client/dist/esm/clientHelpers.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.




/**
 * Adds a credential policy to the pipeline if a credential is provided. If none is provided, no policy is added.
 */
function addCredentialPipelinePolicy(pipeline, endpoint, options = {}) {
    const { credential, clientOptions } = options;
    if (!credential) {
        return;
    }
    if ((0,core_auth_dist_esm/* isTokenCredential */.Zp)(credential)) {
        const tokenPolicy = (0,dist_esm.bearerTokenAuthenticationPolicy)({
            credential,
            scopes: clientOptions?.credentials?.scopes ?? `${endpoint}/.default`,
        });
        pipeline.addPolicy(tokenPolicy);
    }
    else if (isKeyCredential(credential)) {
        if (!clientOptions?.credentials?.apiKeyHeaderName) {
            throw new Error(`Missing API Key Header Name`);
        }
        const keyPolicy = keyCredentialAuthenticationPolicy(credential, clientOptions?.credentials?.apiKeyHeaderName);
        pipeline.addPolicy(keyPolicy);
    }
}
/**
 * Creates a default rest pipeline to re-use accross Rest Level Clients
 */
function createDefaultPipeline(endpoint, credential, options = {}) {
    const pipeline = (0,dist_esm.createPipelineFromOptions)(options);
    pipeline.addPolicy(apiVersionPolicy(options));
    addCredentialPipelinePolicy(pipeline, endpoint, { credential, clientOptions: options });
    return pipeline;
}
function isKeyCredential(credential) {
    return (typeof credential === "object" &&
        credential !== null &&
        "key" in credential &&
        typeof credential.key === "string");
}
//# sourceMappingURL=clientHelpers.js.map
;// CONCATENATED MODULE: ./node_modules/@azure-rest/core-client/dist/esm/operationOptionHelpers.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

/**
 * Helper function to convert OperationOptions to RequestParameters
 * @param options - the options that are used by Modular layer to send the request
 * @returns the result of the conversion in RequestParameters of RLC layer
 */
function operationOptionsToRequestParameters(options) {
    const tspRequestParameters = (0,esm/* operationOptionsToRequestParameters */.Iq)(options);
    return {
        ...tspRequestParameters,
        tracingOptions: options.tracingOptions,
    };
}
//# sourceMappingURL=operationOptionHelpers.js.map
;// CONCATENATED MODULE: ./node_modules/@azure-rest/core-client/dist/esm/getClient.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.



/**
 * Function to wrap RequestParameters so that we get the legacy onResponse behavior in core-client-rest
 */
function wrapRequestParameters(parameters) {
    if (parameters.onResponse) {
        return {
            ...parameters,
            onResponse(rawResponse, error) {
                parameters.onResponse?.(rawResponse, error, error);
            },
        };
    }
    return parameters;
}
function getClient(endpoint, credentialsOrPipelineOptions, clientOptions = {}) {
    let credentials;
    if (credentialsOrPipelineOptions) {
        if (isCredential(credentialsOrPipelineOptions)) {
            credentials = credentialsOrPipelineOptions;
        }
        else {
            clientOptions = credentialsOrPipelineOptions ?? {};
        }
    }
    const pipeline = clientOptions.pipeline ?? createDefaultPipeline(endpoint, credentials, clientOptions);
    const tspClient = (0,esm/* getClient */.KU)(endpoint, {
        ...clientOptions,
        pipeline,
    });
    const client = (path, ...args) => {
        return {
            get: (requestOptions = {}) => {
                return tspClient.path(path, ...args).get(wrapRequestParameters(requestOptions));
            },
            post: (requestOptions = {}) => {
                return tspClient.path(path, ...args).post(wrapRequestParameters(requestOptions));
            },
            put: (requestOptions = {}) => {
                return tspClient.path(path, ...args).put(wrapRequestParameters(requestOptions));
            },
            patch: (requestOptions = {}) => {
                return tspClient.path(path, ...args).patch(wrapRequestParameters(requestOptions));
            },
            delete: (requestOptions = {}) => {
                return tspClient.path(path, ...args).delete(wrapRequestParameters(requestOptions));
            },
            head: (requestOptions = {}) => {
                return tspClient.path(path, ...args).head(wrapRequestParameters(requestOptions));
            },
            options: (requestOptions = {}) => {
                return tspClient.path(path, ...args).options(wrapRequestParameters(requestOptions));
            },
            trace: (requestOptions = {}) => {
                return tspClient.path(path, ...args).trace(wrapRequestParameters(requestOptions));
            },
        };
    };
    return {
        path: client,
        pathUnchecked: client,
        pipeline: tspClient.pipeline,
    };
}
function isCredential(param) {
    return (0,core_auth_dist_esm/* isKeyCredential */.NO)(param) || (0,core_auth_dist_esm/* isTokenCredential */.Zp)(param);
}
//# sourceMappingURL=getClient.js.map
;// CONCATENATED MODULE: ./node_modules/@azure-rest/core-client/dist/esm/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * Azure Rest Core Client library for JavaScript
 * @packageDocumentation
 */





//# sourceMappingURL=index.js.map

/***/ }),

/***/ 1592:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  AzureClouds: () => (/* reexport */ AzureClouds),
  KeyVaultManagementClient: () => (/* reexport */ KeyVaultManagementClient),
  KnownActionsRequired: () => (/* reexport */ KnownActionsRequired),
  KnownActivationStatus: () => (/* reexport */ KnownActivationStatus),
  KnownCertificatePermissions: () => (/* reexport */ KnownCertificatePermissions),
  KnownCreatedByType: () => (/* reexport */ KnownCreatedByType),
  KnownDeletionRecoveryLevel: () => (/* reexport */ KnownDeletionRecoveryLevel),
  KnownGeoReplicationRegionProvisioningState: () => (/* reexport */ KnownGeoReplicationRegionProvisioningState),
  KnownJsonWebKeyCurveName: () => (/* reexport */ KnownJsonWebKeyCurveName),
  KnownJsonWebKeyOperation: () => (/* reexport */ KnownJsonWebKeyOperation),
  KnownJsonWebKeyType: () => (/* reexport */ KnownJsonWebKeyType),
  KnownKeyPermissions: () => (/* reexport */ KnownKeyPermissions),
  KnownManagedHsmSkuFamily: () => (/* reexport */ KnownManagedHsmSkuFamily),
  KnownManagedServiceIdentityType: () => (/* reexport */ KnownManagedServiceIdentityType),
  KnownNetworkRuleAction: () => (/* reexport */ KnownNetworkRuleAction),
  KnownNetworkRuleBypassOptions: () => (/* reexport */ KnownNetworkRuleBypassOptions),
  KnownPrivateEndpointConnectionProvisioningState: () => (/* reexport */ KnownPrivateEndpointConnectionProvisioningState),
  KnownPrivateEndpointServiceConnectionStatus: () => (/* reexport */ KnownPrivateEndpointServiceConnectionStatus),
  KnownProvisioningState: () => (/* reexport */ KnownProvisioningState),
  KnownPublicNetworkAccess: () => (/* reexport */ KnownPublicNetworkAccess),
  KnownReason: () => (/* reexport */ KnownReason),
  KnownSecretPermissions: () => (/* reexport */ KnownSecretPermissions),
  KnownSkuFamily: () => (/* reexport */ KnownSkuFamily),
  KnownStoragePermissions: () => (/* reexport */ KnownStoragePermissions),
  KnownVaultProvisioningState: () => (/* reexport */ KnownVaultProvisioningState),
  KnownVersions: () => (/* reexport */ KnownVersions),
  restorePoller: () => (/* reexport */ restorePoller)
});

;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/static-helpers/cloudSettingHelpers.js
var AzureClouds = /* @__PURE__ */ ((AzureClouds2) => {
  AzureClouds2["AZURE_PUBLIC_CLOUD"] = "AZURE_PUBLIC_CLOUD";
  AzureClouds2["AZURE_CHINA_CLOUD"] = "AZURE_CHINA_CLOUD";
  AzureClouds2["AZURE_US_GOVERNMENT"] = "AZURE_US_GOVERNMENT";
  return AzureClouds2;
})(AzureClouds || {});
function getArmEndpoint(cloudSetting) {
  if (cloudSetting === void 0) {
    return void 0;
  }
  const cloudEndpoints = {
    AZURE_CHINA_CLOUD: "https://management.chinacloudapi.cn/",
    AZURE_US_GOVERNMENT: "https://management.usgovcloudapi.net/",
    AZURE_PUBLIC_CLOUD: "https://management.azure.com/"
  };
  if (cloudSetting in cloudEndpoints) {
    return cloudEndpoints[cloudSetting];
  } else {
    throw new Error(
      `Unknown cloud setting: ${cloudSetting}. Please refer to the enum AzureClouds for possible values.`
    );
  }
}


// EXTERNAL MODULE: ./node_modules/@azure/logger/dist/esm/index.js + 1 modules
var esm = __webpack_require__(7567);
;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/logger.js

const logger = (0,esm/* createClientLogger */.KV)("arm-keyvault");


// EXTERNAL MODULE: ./node_modules/@azure-rest/core-client/dist/esm/index.js + 6 modules
var dist_esm = __webpack_require__(6255);
;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/api/keyVaultManagementContext.js



function createKeyVaultManagement(credential, subscriptionId, options = {}) {
  const endpointUrl = options.endpoint ?? getArmEndpoint(options.cloudSetting) ?? "https://management.azure.com";
  const prefixFromOptions = options?.userAgentOptions?.userAgentPrefix;
  const userAgentInfo = `azsdk-js-arm-keyvault/5.0.0`;
  const userAgentPrefix = prefixFromOptions ? `${prefixFromOptions} azsdk-js-api ${userAgentInfo}` : `azsdk-js-api ${userAgentInfo}`;
  const { apiVersion: _, ...updatedOptions } = {
    ...options,
    userAgentOptions: { userAgentPrefix },
    loggingOptions: { logger: options.loggingOptions?.logger ?? logger.info },
    credentials: { scopes: options.credentials?.scopes ?? [`${endpointUrl}/.default`] }
  };
  const clientContext = (0,dist_esm/* getClient */.KU)(endpointUrl, credential, updatedOptions);
  const apiVersion = options.apiVersion;
  return { ...clientContext, apiVersion, subscriptionId };
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/api/index.js



;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/static-helpers/serialization/check-prop-undefined.js
function areAllPropsUndefined(item, properties) {
  for (const property of properties) {
    if (item[property] !== void 0) {
      return false;
    }
  }
  return true;
}


// EXTERNAL MODULE: ./node_modules/@azure/core-util/dist/esm/index.js + 4 modules
var core_util_dist_esm = __webpack_require__(9105);
;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/models/models.js


function _operationListResultDeserializer(item) {
  return {
    value: operationArrayDeserializer(item["value"]),
    nextLink: item["nextLink"]
  };
}
function operationArrayDeserializer(result) {
  return result.map((item) => {
    return operationDeserializer(item);
  });
}
function operationDeserializer(item) {
  return {
    name: item["name"],
    display: !item["display"] ? item["display"] : operationDisplayDeserializer(item["display"]),
    origin: item["origin"],
    ...!item["properties"] ? item["properties"] : _operationOperationPropertiesDeserializer(item["properties"]),
    isDataAction: item["isDataAction"]
  };
}
function operationDisplayDeserializer(item) {
  return {
    provider: item["provider"],
    resource: item["resource"],
    operation: item["operation"],
    description: item["description"]
  };
}
function operationPropertiesDeserializer(item) {
  return {
    serviceSpecification: !item["serviceSpecification"] ? item["serviceSpecification"] : serviceSpecificationDeserializer(item["serviceSpecification"])
  };
}
function serviceSpecificationDeserializer(item) {
  return {
    logSpecifications: !item["logSpecifications"] ? item["logSpecifications"] : logSpecificationArrayDeserializer(item["logSpecifications"]),
    metricSpecifications: !item["metricSpecifications"] ? item["metricSpecifications"] : metricSpecificationArrayDeserializer(item["metricSpecifications"])
  };
}
function logSpecificationArrayDeserializer(result) {
  return result.map((item) => {
    return logSpecificationDeserializer(item);
  });
}
function logSpecificationDeserializer(item) {
  return {
    name: item["name"],
    displayName: item["displayName"],
    blobDuration: item["blobDuration"]
  };
}
function metricSpecificationArrayDeserializer(result) {
  return result.map((item) => {
    return metricSpecificationDeserializer(item);
  });
}
function metricSpecificationDeserializer(item) {
  return {
    name: item["name"],
    displayName: item["displayName"],
    displayDescription: item["displayDescription"],
    unit: item["unit"],
    aggregationType: item["aggregationType"],
    supportedAggregationTypes: !item["supportedAggregationTypes"] ? item["supportedAggregationTypes"] : item["supportedAggregationTypes"].map((p) => {
      return p;
    }),
    supportedTimeGrainTypes: !item["supportedTimeGrainTypes"] ? item["supportedTimeGrainTypes"] : item["supportedTimeGrainTypes"].map((p) => {
      return p;
    }),
    lockAggregationType: item["lockAggregationType"],
    dimensions: !item["dimensions"] ? item["dimensions"] : dimensionPropertiesArrayDeserializer(item["dimensions"]),
    fillGapWithZero: item["fillGapWithZero"],
    internalMetricName: item["internalMetricName"]
  };
}
function dimensionPropertiesArrayDeserializer(result) {
  return result.map((item) => {
    return dimensionPropertiesDeserializer(item);
  });
}
function dimensionPropertiesDeserializer(item) {
  return {
    name: item["name"],
    displayName: item["displayName"],
    toBeExportedForShoebox: item["toBeExportedForShoebox"]
  };
}
function cloudErrorDeserializer(item) {
  return {
    error: !item["error"] ? item["error"] : cloudErrorBodyDeserializer(item["error"])
  };
}
function cloudErrorBodyDeserializer(item) {
  return {
    code: item["code"],
    message: item["message"]
  };
}
function vaultDeserializer(item) {
  return {
    id: item["id"],
    name: item["name"],
    type: item["type"],
    systemData: !item["systemData"] ? item["systemData"] : systemDataDeserializer(item["systemData"]),
    properties: vaultPropertiesDeserializer(item["properties"]),
    location: item["location"],
    tags: !item["tags"] ? item["tags"] : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p]))
  };
}
function vaultPropertiesSerializer(item) {
  return {
    tenantId: item["tenantId"],
    sku: skuSerializer(item["sku"]),
    accessPolicies: !item["accessPolicies"] ? item["accessPolicies"] : accessPolicyEntryArraySerializer(item["accessPolicies"]),
    vaultUri: item["vaultUri"],
    enabledForDeployment: item["enabledForDeployment"],
    enabledForDiskEncryption: item["enabledForDiskEncryption"],
    enabledForTemplateDeployment: item["enabledForTemplateDeployment"],
    enableSoftDelete: item["enableSoftDelete"],
    softDeleteRetentionInDays: item["softDeleteRetentionInDays"],
    enableRbacAuthorization: item["enableRbacAuthorization"],
    createMode: item["createMode"],
    enablePurgeProtection: item["enablePurgeProtection"],
    networkAcls: !item["networkAcls"] ? item["networkAcls"] : networkRuleSetSerializer(item["networkAcls"]),
    provisioningState: item["provisioningState"],
    publicNetworkAccess: item["publicNetworkAccess"]
  };
}
function vaultPropertiesDeserializer(item) {
  return {
    tenantId: item["tenantId"],
    sku: skuDeserializer(item["sku"]),
    accessPolicies: !item["accessPolicies"] ? item["accessPolicies"] : accessPolicyEntryArrayDeserializer(item["accessPolicies"]),
    vaultUri: item["vaultUri"],
    hsmPoolResourceId: item["hsmPoolResourceId"],
    enabledForDeployment: item["enabledForDeployment"],
    enabledForDiskEncryption: item["enabledForDiskEncryption"],
    enabledForTemplateDeployment: item["enabledForTemplateDeployment"],
    enableSoftDelete: item["enableSoftDelete"],
    softDeleteRetentionInDays: item["softDeleteRetentionInDays"],
    enableRbacAuthorization: item["enableRbacAuthorization"],
    createMode: item["createMode"],
    enablePurgeProtection: item["enablePurgeProtection"],
    networkAcls: !item["networkAcls"] ? item["networkAcls"] : networkRuleSetDeserializer(item["networkAcls"]),
    provisioningState: item["provisioningState"],
    privateEndpointConnections: !item["privateEndpointConnections"] ? item["privateEndpointConnections"] : privateEndpointConnectionItemArrayDeserializer(item["privateEndpointConnections"]),
    publicNetworkAccess: item["publicNetworkAccess"]
  };
}
function skuSerializer(item) {
  return { family: item["family"], name: item["name"] };
}
function skuDeserializer(item) {
  return {
    family: item["family"],
    name: item["name"]
  };
}
var KnownSkuFamily = /* @__PURE__ */ ((KnownSkuFamily2) => {
  KnownSkuFamily2["A"] = "A";
  return KnownSkuFamily2;
})(KnownSkuFamily || {});
function accessPolicyEntryArraySerializer(result) {
  return result.map((item) => {
    return accessPolicyEntrySerializer(item);
  });
}
function accessPolicyEntryArrayDeserializer(result) {
  return result.map((item) => {
    return accessPolicyEntryDeserializer(item);
  });
}
function accessPolicyEntrySerializer(item) {
  return {
    tenantId: item["tenantId"],
    objectId: item["objectId"],
    applicationId: item["applicationId"],
    permissions: permissionsSerializer(item["permissions"])
  };
}
function accessPolicyEntryDeserializer(item) {
  return {
    tenantId: item["tenantId"],
    objectId: item["objectId"],
    applicationId: item["applicationId"],
    permissions: permissionsDeserializer(item["permissions"])
  };
}
function permissionsSerializer(item) {
  return {
    keys: !item["keys"] ? item["keys"] : item["keys"].map((p) => {
      return p;
    }),
    secrets: !item["secrets"] ? item["secrets"] : item["secrets"].map((p) => {
      return p;
    }),
    certificates: !item["certificates"] ? item["certificates"] : item["certificates"].map((p) => {
      return p;
    }),
    storage: !item["storage"] ? item["storage"] : item["storage"].map((p) => {
      return p;
    })
  };
}
function permissionsDeserializer(item) {
  return {
    keys: !item["keys"] ? item["keys"] : item["keys"].map((p) => {
      return p;
    }),
    secrets: !item["secrets"] ? item["secrets"] : item["secrets"].map((p) => {
      return p;
    }),
    certificates: !item["certificates"] ? item["certificates"] : item["certificates"].map((p) => {
      return p;
    }),
    storage: !item["storage"] ? item["storage"] : item["storage"].map((p) => {
      return p;
    })
  };
}
var KnownKeyPermissions = /* @__PURE__ */ ((KnownKeyPermissions2) => {
  KnownKeyPermissions2["All"] = "all";
  KnownKeyPermissions2["Encrypt"] = "encrypt";
  KnownKeyPermissions2["Decrypt"] = "decrypt";
  KnownKeyPermissions2["WrapKey"] = "wrapKey";
  KnownKeyPermissions2["UnwrapKey"] = "unwrapKey";
  KnownKeyPermissions2["Sign"] = "sign";
  KnownKeyPermissions2["Verify"] = "verify";
  KnownKeyPermissions2["Get"] = "get";
  KnownKeyPermissions2["List"] = "list";
  KnownKeyPermissions2["Create"] = "create";
  KnownKeyPermissions2["Update"] = "update";
  KnownKeyPermissions2["Import"] = "import";
  KnownKeyPermissions2["Delete"] = "delete";
  KnownKeyPermissions2["Backup"] = "backup";
  KnownKeyPermissions2["Restore"] = "restore";
  KnownKeyPermissions2["Recover"] = "recover";
  KnownKeyPermissions2["Purge"] = "purge";
  KnownKeyPermissions2["Release"] = "release";
  KnownKeyPermissions2["Rotate"] = "rotate";
  KnownKeyPermissions2["Getrotationpolicy"] = "getrotationpolicy";
  KnownKeyPermissions2["Setrotationpolicy"] = "setrotationpolicy";
  return KnownKeyPermissions2;
})(KnownKeyPermissions || {});
var KnownSecretPermissions = /* @__PURE__ */ ((KnownSecretPermissions2) => {
  KnownSecretPermissions2["All"] = "all";
  KnownSecretPermissions2["Get"] = "get";
  KnownSecretPermissions2["List"] = "list";
  KnownSecretPermissions2["Set"] = "set";
  KnownSecretPermissions2["Delete"] = "delete";
  KnownSecretPermissions2["Backup"] = "backup";
  KnownSecretPermissions2["Restore"] = "restore";
  KnownSecretPermissions2["Recover"] = "recover";
  KnownSecretPermissions2["Purge"] = "purge";
  return KnownSecretPermissions2;
})(KnownSecretPermissions || {});
var KnownCertificatePermissions = /* @__PURE__ */ ((KnownCertificatePermissions2) => {
  KnownCertificatePermissions2["All"] = "all";
  KnownCertificatePermissions2["Get"] = "get";
  KnownCertificatePermissions2["List"] = "list";
  KnownCertificatePermissions2["Delete"] = "delete";
  KnownCertificatePermissions2["Create"] = "create";
  KnownCertificatePermissions2["Import"] = "import";
  KnownCertificatePermissions2["Update"] = "update";
  KnownCertificatePermissions2["Managecontacts"] = "managecontacts";
  KnownCertificatePermissions2["Getissuers"] = "getissuers";
  KnownCertificatePermissions2["Listissuers"] = "listissuers";
  KnownCertificatePermissions2["Setissuers"] = "setissuers";
  KnownCertificatePermissions2["Deleteissuers"] = "deleteissuers";
  KnownCertificatePermissions2["Manageissuers"] = "manageissuers";
  KnownCertificatePermissions2["Recover"] = "recover";
  KnownCertificatePermissions2["Purge"] = "purge";
  KnownCertificatePermissions2["Backup"] = "backup";
  KnownCertificatePermissions2["Restore"] = "restore";
  return KnownCertificatePermissions2;
})(KnownCertificatePermissions || {});
var KnownStoragePermissions = /* @__PURE__ */ ((KnownStoragePermissions2) => {
  KnownStoragePermissions2["All"] = "all";
  KnownStoragePermissions2["Get"] = "get";
  KnownStoragePermissions2["List"] = "list";
  KnownStoragePermissions2["Delete"] = "delete";
  KnownStoragePermissions2["Set"] = "set";
  KnownStoragePermissions2["Update"] = "update";
  KnownStoragePermissions2["Regeneratekey"] = "regeneratekey";
  KnownStoragePermissions2["Recover"] = "recover";
  KnownStoragePermissions2["Purge"] = "purge";
  KnownStoragePermissions2["Backup"] = "backup";
  KnownStoragePermissions2["Restore"] = "restore";
  KnownStoragePermissions2["Setsas"] = "setsas";
  KnownStoragePermissions2["Listsas"] = "listsas";
  KnownStoragePermissions2["Getsas"] = "getsas";
  KnownStoragePermissions2["Deletesas"] = "deletesas";
  return KnownStoragePermissions2;
})(KnownStoragePermissions || {});
function networkRuleSetSerializer(item) {
  return {
    bypass: item["bypass"],
    defaultAction: item["defaultAction"],
    ipRules: !item["ipRules"] ? item["ipRules"] : ipRuleArraySerializer(item["ipRules"]),
    virtualNetworkRules: !item["virtualNetworkRules"] ? item["virtualNetworkRules"] : virtualNetworkRuleArraySerializer(item["virtualNetworkRules"])
  };
}
function networkRuleSetDeserializer(item) {
  return {
    bypass: item["bypass"],
    defaultAction: item["defaultAction"],
    ipRules: !item["ipRules"] ? item["ipRules"] : ipRuleArrayDeserializer(item["ipRules"]),
    virtualNetworkRules: !item["virtualNetworkRules"] ? item["virtualNetworkRules"] : virtualNetworkRuleArrayDeserializer(item["virtualNetworkRules"])
  };
}
var KnownNetworkRuleBypassOptions = /* @__PURE__ */ ((KnownNetworkRuleBypassOptions2) => {
  KnownNetworkRuleBypassOptions2["AzureServices"] = "AzureServices";
  KnownNetworkRuleBypassOptions2["None"] = "None";
  return KnownNetworkRuleBypassOptions2;
})(KnownNetworkRuleBypassOptions || {});
var KnownNetworkRuleAction = /* @__PURE__ */ ((KnownNetworkRuleAction2) => {
  KnownNetworkRuleAction2["Allow"] = "Allow";
  KnownNetworkRuleAction2["Deny"] = "Deny";
  return KnownNetworkRuleAction2;
})(KnownNetworkRuleAction || {});
function ipRuleArraySerializer(result) {
  return result.map((item) => {
    return ipRuleSerializer(item);
  });
}
function ipRuleArrayDeserializer(result) {
  return result.map((item) => {
    return ipRuleDeserializer(item);
  });
}
function ipRuleSerializer(item) {
  return { value: item["value"] };
}
function ipRuleDeserializer(item) {
  return {
    value: item["value"]
  };
}
function virtualNetworkRuleArraySerializer(result) {
  return result.map((item) => {
    return virtualNetworkRuleSerializer(item);
  });
}
function virtualNetworkRuleArrayDeserializer(result) {
  return result.map((item) => {
    return virtualNetworkRuleDeserializer(item);
  });
}
function virtualNetworkRuleSerializer(item) {
  return {
    id: item["id"],
    ignoreMissingVnetServiceEndpoint: item["ignoreMissingVnetServiceEndpoint"]
  };
}
function virtualNetworkRuleDeserializer(item) {
  return {
    id: item["id"],
    ignoreMissingVnetServiceEndpoint: item["ignoreMissingVnetServiceEndpoint"]
  };
}
var KnownVaultProvisioningState = /* @__PURE__ */ ((KnownVaultProvisioningState2) => {
  KnownVaultProvisioningState2["Succeeded"] = "Succeeded";
  KnownVaultProvisioningState2["RegisteringDns"] = "RegisteringDns";
  return KnownVaultProvisioningState2;
})(KnownVaultProvisioningState || {});
function privateEndpointConnectionItemArrayDeserializer(result) {
  return result.map((item) => {
    return privateEndpointConnectionItemDeserializer(item);
  });
}
function privateEndpointConnectionItemDeserializer(item) {
  return {
    id: item["id"],
    etag: item["etag"],
    ...!item["properties"] ? item["properties"] : _privateEndpointConnectionItemPropertiesDeserializer(item["properties"])
  };
}
function privateEndpointConnectionPropertiesSerializer(item) {
  return {
    privateEndpoint: !item["privateEndpoint"] ? item["privateEndpoint"] : privateEndpointSerializer(item["privateEndpoint"]),
    privateLinkServiceConnectionState: !item["privateLinkServiceConnectionState"] ? item["privateLinkServiceConnectionState"] : privateLinkServiceConnectionStateSerializer(item["privateLinkServiceConnectionState"])
  };
}
function privateEndpointConnectionPropertiesDeserializer(item) {
  return {
    privateEndpoint: !item["privateEndpoint"] ? item["privateEndpoint"] : privateEndpointDeserializer(item["privateEndpoint"]),
    privateLinkServiceConnectionState: !item["privateLinkServiceConnectionState"] ? item["privateLinkServiceConnectionState"] : privateLinkServiceConnectionStateDeserializer(item["privateLinkServiceConnectionState"]),
    provisioningState: item["provisioningState"]
  };
}
function privateEndpointSerializer(item) {
  return item;
}
function privateEndpointDeserializer(item) {
  return {
    id: item["id"]
  };
}
function privateLinkServiceConnectionStateSerializer(item) {
  return {
    status: item["status"],
    description: item["description"],
    actionsRequired: item["actionsRequired"]
  };
}
function privateLinkServiceConnectionStateDeserializer(item) {
  return {
    status: item["status"],
    description: item["description"],
    actionsRequired: item["actionsRequired"]
  };
}
var KnownPrivateEndpointServiceConnectionStatus = /* @__PURE__ */ ((KnownPrivateEndpointServiceConnectionStatus2) => {
  KnownPrivateEndpointServiceConnectionStatus2["Pending"] = "Pending";
  KnownPrivateEndpointServiceConnectionStatus2["Approved"] = "Approved";
  KnownPrivateEndpointServiceConnectionStatus2["Rejected"] = "Rejected";
  KnownPrivateEndpointServiceConnectionStatus2["Disconnected"] = "Disconnected";
  return KnownPrivateEndpointServiceConnectionStatus2;
})(KnownPrivateEndpointServiceConnectionStatus || {});
var KnownActionsRequired = /* @__PURE__ */ ((KnownActionsRequired2) => {
  KnownActionsRequired2["None"] = "None";
  return KnownActionsRequired2;
})(KnownActionsRequired || {});
var KnownPrivateEndpointConnectionProvisioningState = /* @__PURE__ */ ((KnownPrivateEndpointConnectionProvisioningState2) => {
  KnownPrivateEndpointConnectionProvisioningState2["Succeeded"] = "Succeeded";
  KnownPrivateEndpointConnectionProvisioningState2["Creating"] = "Creating";
  KnownPrivateEndpointConnectionProvisioningState2["Updating"] = "Updating";
  KnownPrivateEndpointConnectionProvisioningState2["Deleting"] = "Deleting";
  KnownPrivateEndpointConnectionProvisioningState2["Failed"] = "Failed";
  KnownPrivateEndpointConnectionProvisioningState2["Disconnected"] = "Disconnected";
  return KnownPrivateEndpointConnectionProvisioningState2;
})(KnownPrivateEndpointConnectionProvisioningState || {});
function proxyResourceSerializer(item) {
  return item;
}
function proxyResourceDeserializer(item) {
  return {
    id: item["id"],
    name: item["name"],
    type: item["type"],
    systemData: !item["systemData"] ? item["systemData"] : systemDataDeserializer(item["systemData"])
  };
}
function resourceSerializer(item) {
  return item;
}
function resourceDeserializer(item) {
  return {
    id: item["id"],
    name: item["name"],
    type: item["type"],
    systemData: !item["systemData"] ? item["systemData"] : systemDataDeserializer(item["systemData"])
  };
}
function systemDataDeserializer(item) {
  return {
    createdBy: item["createdBy"],
    createdByType: item["createdByType"],
    createdAt: !item["createdAt"] ? item["createdAt"] : new Date(item["createdAt"]),
    lastModifiedBy: item["lastModifiedBy"],
    lastModifiedByType: item["lastModifiedByType"],
    lastModifiedAt: !item["lastModifiedAt"] ? item["lastModifiedAt"] : new Date(item["lastModifiedAt"])
  };
}
var KnownCreatedByType = /* @__PURE__ */ ((KnownCreatedByType2) => {
  KnownCreatedByType2["User"] = "User";
  KnownCreatedByType2["Application"] = "Application";
  KnownCreatedByType2["ManagedIdentity"] = "ManagedIdentity";
  KnownCreatedByType2["Key"] = "Key";
  return KnownCreatedByType2;
})(KnownCreatedByType || {});
function vaultCreateOrUpdateParametersSerializer(item) {
  return {
    location: item["location"],
    tags: item["tags"],
    properties: vaultPropertiesSerializer(item["properties"])
  };
}
function vaultPatchParametersSerializer(item) {
  return {
    tags: item["tags"],
    properties: !item["properties"] ? item["properties"] : vaultPatchPropertiesSerializer(item["properties"])
  };
}
function vaultPatchPropertiesSerializer(item) {
  return {
    tenantId: item["tenantId"],
    sku: !item["sku"] ? item["sku"] : skuSerializer(item["sku"]),
    accessPolicies: !item["accessPolicies"] ? item["accessPolicies"] : accessPolicyEntryArraySerializer(item["accessPolicies"]),
    enabledForDeployment: item["enabledForDeployment"],
    enabledForDiskEncryption: item["enabledForDiskEncryption"],
    enabledForTemplateDeployment: item["enabledForTemplateDeployment"],
    enableSoftDelete: item["enableSoftDelete"],
    enableRbacAuthorization: item["enableRbacAuthorization"],
    softDeleteRetentionInDays: item["softDeleteRetentionInDays"],
    createMode: item["createMode"],
    enablePurgeProtection: item["enablePurgeProtection"],
    networkAcls: !item["networkAcls"] ? item["networkAcls"] : networkRuleSetSerializer(item["networkAcls"]),
    publicNetworkAccess: item["publicNetworkAccess"]
  };
}
function _vaultListResultDeserializer(item) {
  return {
    value: vaultArrayDeserializer(item["value"]),
    nextLink: item["nextLink"]
  };
}
function vaultArrayDeserializer(result) {
  return result.map((item) => {
    return vaultDeserializer(item);
  });
}
function vaultAccessPolicyParametersSerializer(item) {
  return { properties: vaultAccessPolicyPropertiesSerializer(item["properties"]) };
}
function vaultAccessPolicyParametersDeserializer(item) {
  return {
    id: item["id"],
    name: item["name"],
    type: item["type"],
    location: item["location"],
    properties: vaultAccessPolicyPropertiesDeserializer(item["properties"])
  };
}
function vaultAccessPolicyPropertiesSerializer(item) {
  return { accessPolicies: accessPolicyEntryArraySerializer(item["accessPolicies"]) };
}
function vaultAccessPolicyPropertiesDeserializer(item) {
  return {
    accessPolicies: accessPolicyEntryArrayDeserializer(item["accessPolicies"])
  };
}
function deletedVaultDeserializer(item) {
  return {
    id: item["id"],
    name: item["name"],
    type: item["type"],
    systemData: !item["systemData"] ? item["systemData"] : systemDataDeserializer(item["systemData"]),
    properties: !item["properties"] ? item["properties"] : deletedVaultPropertiesDeserializer(item["properties"])
  };
}
function deletedVaultPropertiesDeserializer(item) {
  return {
    vaultId: item["vaultId"],
    location: item["location"],
    deletionDate: !item["deletionDate"] ? item["deletionDate"] : new Date(item["deletionDate"]),
    scheduledPurgeDate: !item["scheduledPurgeDate"] ? item["scheduledPurgeDate"] : new Date(item["scheduledPurgeDate"]),
    tags: !item["tags"] ? item["tags"] : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p])),
    purgeProtectionEnabled: item["purgeProtectionEnabled"]
  };
}
function _deletedVaultListResultDeserializer(item) {
  return {
    value: deletedVaultArrayDeserializer(item["value"]),
    nextLink: item["nextLink"]
  };
}
function deletedVaultArrayDeserializer(result) {
  return result.map((item) => {
    return deletedVaultDeserializer(item);
  });
}
function _resourceListResultDeserializer(item) {
  return {
    value: trackedResourceArrayDeserializer(item["value"]),
    nextLink: item["nextLink"]
  };
}
function trackedResourceArrayDeserializer(result) {
  return result.map((item) => {
    return trackedResourceDeserializer(item);
  });
}
function trackedResourceDeserializer(item) {
  return {
    id: item["id"],
    name: item["name"],
    type: item["type"],
    systemData: !item["systemData"] ? item["systemData"] : systemDataDeserializer(item["systemData"]),
    tags: !item["tags"] ? item["tags"] : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p])),
    location: item["location"]
  };
}
function vaultCheckNameAvailabilityParametersSerializer(item) {
  return { name: item["name"], type: item["type"] };
}
function checkNameAvailabilityResultDeserializer(item) {
  return {
    nameAvailable: item["nameAvailable"],
    reason: item["reason"],
    message: item["message"]
  };
}
var KnownReason = /* @__PURE__ */ ((KnownReason2) => {
  KnownReason2["AccountNameInvalid"] = "AccountNameInvalid";
  KnownReason2["AlreadyExists"] = "AlreadyExists";
  return KnownReason2;
})(KnownReason || {});
function privateEndpointConnectionSerializer(item) {
  return {
    properties: areAllPropsUndefined(item, ["privateEndpoint", "privateLinkServiceConnectionState"]) ? void 0 : _privateEndpointConnectionPropertiesSerializer(item),
    etag: item["etag"]
  };
}
function privateEndpointConnectionDeserializer(item) {
  return {
    id: item["id"],
    name: item["name"],
    type: item["type"],
    systemData: !item["systemData"] ? item["systemData"] : systemDataDeserializer(item["systemData"]),
    ...!item["properties"] ? item["properties"] : _privateEndpointConnectionPropertiesDeserializer(item["properties"]),
    location: item["location"],
    tags: !item["tags"] ? item["tags"] : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p])),
    etag: item["etag"]
  };
}
function _privateEndpointConnectionListResultDeserializer(item) {
  return {
    value: privateEndpointConnectionArrayDeserializer(item["value"]),
    nextLink: item["nextLink"]
  };
}
function privateEndpointConnectionArraySerializer(result) {
  return result.map((item) => {
    return privateEndpointConnectionSerializer(item);
  });
}
function privateEndpointConnectionArrayDeserializer(result) {
  return result.map((item) => {
    return privateEndpointConnectionDeserializer(item);
  });
}
function managedHsmSerializer(item) {
  return {
    properties: !item["properties"] ? item["properties"] : managedHsmPropertiesSerializer(item["properties"]),
    sku: !item["sku"] ? item["sku"] : managedHsmSkuSerializer(item["sku"]),
    identity: !item["identity"] ? item["identity"] : managedServiceIdentitySerializer(item["identity"]),
    location: item["location"],
    tags: item["tags"]
  };
}
function managedHsmDeserializer(item) {
  return {
    id: item["id"],
    name: item["name"],
    type: item["type"],
    systemData: !item["systemData"] ? item["systemData"] : systemDataDeserializer(item["systemData"]),
    properties: !item["properties"] ? item["properties"] : managedHsmPropertiesDeserializer(item["properties"]),
    sku: !item["sku"] ? item["sku"] : managedHsmSkuDeserializer(item["sku"]),
    identity: !item["identity"] ? item["identity"] : managedServiceIdentityDeserializer(item["identity"]),
    location: item["location"],
    tags: !item["tags"] ? item["tags"] : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p]))
  };
}
function managedHsmPropertiesSerializer(item) {
  return {
    tenantId: item["tenantId"],
    initialAdminObjectIds: !item["initialAdminObjectIds"] ? item["initialAdminObjectIds"] : item["initialAdminObjectIds"].map((p) => {
      return p;
    }),
    enableSoftDelete: item["enableSoftDelete"],
    softDeleteRetentionInDays: item["softDeleteRetentionInDays"],
    enablePurgeProtection: item["enablePurgeProtection"],
    createMode: item["createMode"],
    networkAcls: !item["networkAcls"] ? item["networkAcls"] : mhsmNetworkRuleSetSerializer(item["networkAcls"]),
    regions: !item["regions"] ? item["regions"] : mhsmGeoReplicatedRegionArraySerializer(item["regions"]),
    publicNetworkAccess: item["publicNetworkAccess"]
  };
}
function managedHsmPropertiesDeserializer(item) {
  return {
    tenantId: item["tenantId"],
    initialAdminObjectIds: !item["initialAdminObjectIds"] ? item["initialAdminObjectIds"] : item["initialAdminObjectIds"].map((p) => {
      return p;
    }),
    hsmUri: item["hsmUri"],
    enableSoftDelete: item["enableSoftDelete"],
    softDeleteRetentionInDays: item["softDeleteRetentionInDays"],
    enablePurgeProtection: item["enablePurgeProtection"],
    createMode: item["createMode"],
    statusMessage: item["statusMessage"],
    provisioningState: item["provisioningState"],
    networkAcls: !item["networkAcls"] ? item["networkAcls"] : mhsmNetworkRuleSetDeserializer(item["networkAcls"]),
    regions: !item["regions"] ? item["regions"] : mhsmGeoReplicatedRegionArrayDeserializer(item["regions"]),
    privateEndpointConnections: !item["privateEndpointConnections"] ? item["privateEndpointConnections"] : mhsmPrivateEndpointConnectionItemArrayDeserializer(item["privateEndpointConnections"]),
    publicNetworkAccess: item["publicNetworkAccess"],
    scheduledPurgeDate: !item["scheduledPurgeDate"] ? item["scheduledPurgeDate"] : new Date(item["scheduledPurgeDate"]),
    securityDomainProperties: !item["securityDomainProperties"] ? item["securityDomainProperties"] : managedHSMSecurityDomainPropertiesDeserializer(item["securityDomainProperties"])
  };
}
var KnownProvisioningState = /* @__PURE__ */ ((KnownProvisioningState2) => {
  KnownProvisioningState2["Succeeded"] = "Succeeded";
  KnownProvisioningState2["Provisioning"] = "Provisioning";
  KnownProvisioningState2["Failed"] = "Failed";
  KnownProvisioningState2["Updating"] = "Updating";
  KnownProvisioningState2["Deleting"] = "Deleting";
  KnownProvisioningState2["Activated"] = "Activated";
  KnownProvisioningState2["SecurityDomainRestore"] = "SecurityDomainRestore";
  KnownProvisioningState2["Restoring"] = "Restoring";
  return KnownProvisioningState2;
})(KnownProvisioningState || {});
function mhsmNetworkRuleSetSerializer(item) {
  return {
    bypass: item["bypass"],
    defaultAction: item["defaultAction"],
    ipRules: !item["ipRules"] ? item["ipRules"] : mhsmipRuleArraySerializer(item["ipRules"]),
    serviceTags: !item["serviceTags"] ? item["serviceTags"] : mhsmServiceTagRuleArraySerializer(item["serviceTags"]),
    virtualNetworkRules: !item["virtualNetworkRules"] ? item["virtualNetworkRules"] : mhsmVirtualNetworkRuleArraySerializer(item["virtualNetworkRules"])
  };
}
function mhsmNetworkRuleSetDeserializer(item) {
  return {
    bypass: item["bypass"],
    defaultAction: item["defaultAction"],
    ipRules: !item["ipRules"] ? item["ipRules"] : mhsmipRuleArrayDeserializer(item["ipRules"]),
    serviceTags: !item["serviceTags"] ? item["serviceTags"] : mhsmServiceTagRuleArrayDeserializer(item["serviceTags"]),
    virtualNetworkRules: !item["virtualNetworkRules"] ? item["virtualNetworkRules"] : mhsmVirtualNetworkRuleArrayDeserializer(item["virtualNetworkRules"])
  };
}
function mhsmipRuleArraySerializer(result) {
  return result.map((item) => {
    return mhsmipRuleSerializer(item);
  });
}
function mhsmipRuleArrayDeserializer(result) {
  return result.map((item) => {
    return mhsmipRuleDeserializer(item);
  });
}
function mhsmipRuleSerializer(item) {
  return { value: item["value"] };
}
function mhsmipRuleDeserializer(item) {
  return {
    value: item["value"]
  };
}
function mhsmServiceTagRuleArraySerializer(result) {
  return result.map((item) => {
    return mhsmServiceTagRuleSerializer(item);
  });
}
function mhsmServiceTagRuleArrayDeserializer(result) {
  return result.map((item) => {
    return mhsmServiceTagRuleDeserializer(item);
  });
}
function mhsmServiceTagRuleSerializer(item) {
  return { tag: item["tag"] };
}
function mhsmServiceTagRuleDeserializer(item) {
  return {
    tag: item["tag"]
  };
}
function mhsmVirtualNetworkRuleArraySerializer(result) {
  return result.map((item) => {
    return mhsmVirtualNetworkRuleSerializer(item);
  });
}
function mhsmVirtualNetworkRuleArrayDeserializer(result) {
  return result.map((item) => {
    return mhsmVirtualNetworkRuleDeserializer(item);
  });
}
function mhsmVirtualNetworkRuleSerializer(item) {
  return { id: item["id"] };
}
function mhsmVirtualNetworkRuleDeserializer(item) {
  return {
    id: item["id"]
  };
}
function mhsmGeoReplicatedRegionArraySerializer(result) {
  return result.map((item) => {
    return mhsmGeoReplicatedRegionSerializer(item);
  });
}
function mhsmGeoReplicatedRegionArrayDeserializer(result) {
  return result.map((item) => {
    return mhsmGeoReplicatedRegionDeserializer(item);
  });
}
function mhsmGeoReplicatedRegionSerializer(item) {
  return { name: item["name"], isPrimary: item["isPrimary"] };
}
function mhsmGeoReplicatedRegionDeserializer(item) {
  return {
    name: item["name"],
    provisioningState: item["provisioningState"],
    isPrimary: item["isPrimary"]
  };
}
var KnownGeoReplicationRegionProvisioningState = /* @__PURE__ */ ((KnownGeoReplicationRegionProvisioningState2) => {
  KnownGeoReplicationRegionProvisioningState2["Preprovisioning"] = "Preprovisioning";
  KnownGeoReplicationRegionProvisioningState2["Provisioning"] = "Provisioning";
  KnownGeoReplicationRegionProvisioningState2["Succeeded"] = "Succeeded";
  KnownGeoReplicationRegionProvisioningState2["Failed"] = "Failed";
  KnownGeoReplicationRegionProvisioningState2["Deleting"] = "Deleting";
  KnownGeoReplicationRegionProvisioningState2["Cleanup"] = "Cleanup";
  return KnownGeoReplicationRegionProvisioningState2;
})(KnownGeoReplicationRegionProvisioningState || {});
function mhsmPrivateEndpointConnectionItemArrayDeserializer(result) {
  return result.map((item) => {
    return mhsmPrivateEndpointConnectionItemDeserializer(item);
  });
}
function mhsmPrivateEndpointConnectionItemDeserializer(item) {
  return {
    id: item["id"],
    etag: item["etag"],
    ...!item["properties"] ? item["properties"] : _mhsmPrivateEndpointConnectionItemPropertiesDeserializer(item["properties"])
  };
}
function mhsmPrivateEndpointConnectionPropertiesSerializer(item) {
  return {
    privateEndpoint: !item["privateEndpoint"] ? item["privateEndpoint"] : mhsmPrivateEndpointSerializer(item["privateEndpoint"]),
    privateLinkServiceConnectionState: !item["privateLinkServiceConnectionState"] ? item["privateLinkServiceConnectionState"] : mhsmPrivateLinkServiceConnectionStateSerializer(item["privateLinkServiceConnectionState"])
  };
}
function mhsmPrivateEndpointConnectionPropertiesDeserializer(item) {
  return {
    privateEndpoint: !item["privateEndpoint"] ? item["privateEndpoint"] : mhsmPrivateEndpointDeserializer(item["privateEndpoint"]),
    privateLinkServiceConnectionState: !item["privateLinkServiceConnectionState"] ? item["privateLinkServiceConnectionState"] : mhsmPrivateLinkServiceConnectionStateDeserializer(
      item["privateLinkServiceConnectionState"]
    ),
    provisioningState: item["provisioningState"]
  };
}
function mhsmPrivateEndpointSerializer(item) {
  return item;
}
function mhsmPrivateEndpointDeserializer(item) {
  return {
    id: item["id"]
  };
}
function mhsmPrivateLinkServiceConnectionStateSerializer(item) {
  return {
    status: item["status"],
    description: item["description"],
    actionsRequired: item["actionsRequired"]
  };
}
function mhsmPrivateLinkServiceConnectionStateDeserializer(item) {
  return {
    status: item["status"],
    description: item["description"],
    actionsRequired: item["actionsRequired"]
  };
}
var KnownPublicNetworkAccess = /* @__PURE__ */ ((KnownPublicNetworkAccess2) => {
  KnownPublicNetworkAccess2["Enabled"] = "Enabled";
  KnownPublicNetworkAccess2["Disabled"] = "Disabled";
  return KnownPublicNetworkAccess2;
})(KnownPublicNetworkAccess || {});
function managedHSMSecurityDomainPropertiesDeserializer(item) {
  return {
    activationStatus: item["activationStatus"],
    activationStatusMessage: item["activationStatusMessage"]
  };
}
var KnownActivationStatus = /* @__PURE__ */ ((KnownActivationStatus2) => {
  KnownActivationStatus2["Active"] = "Active";
  KnownActivationStatus2["NotActivated"] = "NotActivated";
  KnownActivationStatus2["Unknown"] = "Unknown";
  KnownActivationStatus2["Failed"] = "Failed";
  return KnownActivationStatus2;
})(KnownActivationStatus || {});
function managedHsmSkuSerializer(item) {
  return { family: item["family"], name: item["name"] };
}
function managedHsmSkuDeserializer(item) {
  return {
    family: item["family"],
    name: item["name"]
  };
}
var KnownManagedHsmSkuFamily = /* @__PURE__ */ ((KnownManagedHsmSkuFamily2) => {
  KnownManagedHsmSkuFamily2["B"] = "B";
  KnownManagedHsmSkuFamily2["C"] = "C";
  return KnownManagedHsmSkuFamily2;
})(KnownManagedHsmSkuFamily || {});
function managedServiceIdentitySerializer(item) {
  return { type: item["type"], userAssignedIdentities: item["userAssignedIdentities"] };
}
function managedServiceIdentityDeserializer(item) {
  return {
    principalId: item["principalId"],
    tenantId: item["tenantId"],
    type: item["type"],
    userAssignedIdentities: !item["userAssignedIdentities"] ? item["userAssignedIdentities"] : Object.fromEntries(
      Object.entries(item["userAssignedIdentities"]).map(([k, p]) => [
        k,
        !p ? p : userAssignedIdentityDeserializer(p)
      ])
    )
  };
}
var KnownManagedServiceIdentityType = /* @__PURE__ */ ((KnownManagedServiceIdentityType2) => {
  KnownManagedServiceIdentityType2["None"] = "None";
  KnownManagedServiceIdentityType2["SystemAssigned"] = "SystemAssigned";
  KnownManagedServiceIdentityType2["UserAssigned"] = "UserAssigned";
  KnownManagedServiceIdentityType2["SystemAssignedUserAssigned"] = "SystemAssigned,UserAssigned";
  return KnownManagedServiceIdentityType2;
})(KnownManagedServiceIdentityType || {});
function userAssignedIdentitySerializer(item) {
  return item;
}
function userAssignedIdentityDeserializer(item) {
  return {
    principalId: item["principalId"],
    clientId: item["clientId"]
  };
}
function managedHsmErrorDeserializer(item) {
  return {
    error: !item["error"] ? item["error"] : errorDeserializer(item["error"])
  };
}
function errorDeserializer(item) {
  return {
    code: item["code"],
    message: item["message"],
    innerError: !item["innererror"] ? item["innererror"] : errorDeserializer(item["innererror"])
  };
}
function _managedHsmListResultDeserializer(item) {
  return {
    value: managedHsmArrayDeserializer(item["value"]),
    nextLink: item["nextLink"]
  };
}
function managedHsmArraySerializer(result) {
  return result.map((item) => {
    return managedHsmSerializer(item);
  });
}
function managedHsmArrayDeserializer(result) {
  return result.map((item) => {
    return managedHsmDeserializer(item);
  });
}
function deletedManagedHsmDeserializer(item) {
  return {
    id: item["id"],
    name: item["name"],
    type: item["type"],
    systemData: !item["systemData"] ? item["systemData"] : systemDataDeserializer(item["systemData"]),
    properties: !item["properties"] ? item["properties"] : deletedManagedHsmPropertiesDeserializer(item["properties"])
  };
}
function deletedManagedHsmPropertiesDeserializer(item) {
  return {
    mhsmId: item["mhsmId"],
    location: item["location"],
    deletionDate: !item["deletionDate"] ? item["deletionDate"] : new Date(item["deletionDate"]),
    scheduledPurgeDate: !item["scheduledPurgeDate"] ? item["scheduledPurgeDate"] : new Date(item["scheduledPurgeDate"]),
    purgeProtectionEnabled: item["purgeProtectionEnabled"],
    tags: !item["tags"] ? item["tags"] : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p]))
  };
}
function _deletedManagedHsmListResultDeserializer(item) {
  return {
    value: deletedManagedHsmArrayDeserializer(item["value"]),
    nextLink: item["nextLink"]
  };
}
function deletedManagedHsmArrayDeserializer(result) {
  return result.map((item) => {
    return deletedManagedHsmDeserializer(item);
  });
}
function checkMhsmNameAvailabilityParametersSerializer(item) {
  return { name: item["name"] };
}
function checkMhsmNameAvailabilityResultDeserializer(item) {
  return {
    nameAvailable: item["nameAvailable"],
    reason: item["reason"],
    message: item["message"]
  };
}
function secretDeserializer(item) {
  return {
    id: item["id"],
    name: item["name"],
    type: item["type"],
    systemData: !item["systemData"] ? item["systemData"] : systemDataDeserializer(item["systemData"]),
    properties: secretPropertiesDeserializer(item["properties"]),
    location: item["location"],
    tags: !item["tags"] ? item["tags"] : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p]))
  };
}
function secretPropertiesSerializer(item) {
  return {
    value: item["value"],
    contentType: item["contentType"],
    attributes: !item["attributes"] ? item["attributes"] : secretAttributesSerializer(item["attributes"])
  };
}
function secretPropertiesDeserializer(item) {
  return {
    value: item["value"],
    contentType: item["contentType"],
    attributes: !item["attributes"] ? item["attributes"] : secretAttributesDeserializer(item["attributes"]),
    secretUri: item["secretUri"],
    secretUriWithVersion: item["secretUriWithVersion"]
  };
}
function secretAttributesSerializer(item) {
  return {
    enabled: item["enabled"],
    nbf: !item["notBefore"] ? item["notBefore"] : item["notBefore"].getTime() / 1e3 | 0,
    exp: !item["expires"] ? item["expires"] : item["expires"].getTime() / 1e3 | 0
  };
}
function secretAttributesDeserializer(item) {
  return {
    enabled: item["enabled"],
    notBefore: !item["nbf"] ? item["nbf"] : new Date(item["nbf"] * 1e3),
    expires: !item["exp"] ? item["exp"] : new Date(item["exp"] * 1e3),
    created: !item["created"] ? item["created"] : new Date(item["created"] * 1e3),
    updated: !item["updated"] ? item["updated"] : new Date(item["updated"] * 1e3)
  };
}
function attributesSerializer(item) {
  return {
    enabled: item["enabled"],
    nbf: !item["notBefore"] ? item["notBefore"] : item["notBefore"].getTime() / 1e3 | 0,
    exp: !item["expires"] ? item["expires"] : item["expires"].getTime() / 1e3 | 0
  };
}
function attributesDeserializer(item) {
  return {
    enabled: item["enabled"],
    notBefore: !item["nbf"] ? item["nbf"] : new Date(item["nbf"] * 1e3),
    expires: !item["exp"] ? item["exp"] : new Date(item["exp"] * 1e3),
    created: !item["created"] ? item["created"] : new Date(item["created"] * 1e3),
    updated: !item["updated"] ? item["updated"] : new Date(item["updated"] * 1e3)
  };
}
function secretCreateOrUpdateParametersSerializer(item) {
  return { tags: item["tags"], properties: secretPropertiesSerializer(item["properties"]) };
}
function secretPatchParametersSerializer(item) {
  return {
    tags: item["tags"],
    properties: !item["properties"] ? item["properties"] : secretPatchPropertiesSerializer(item["properties"])
  };
}
function secretPatchPropertiesSerializer(item) {
  return {
    value: item["value"],
    contentType: item["contentType"],
    attributes: !item["attributes"] ? item["attributes"] : secretAttributesSerializer(item["attributes"])
  };
}
function _secretListResultDeserializer(item) {
  return {
    value: secretArrayDeserializer(item["value"]),
    nextLink: item["nextLink"]
  };
}
function secretArrayDeserializer(result) {
  return result.map((item) => {
    return secretDeserializer(item);
  });
}
function keyDeserializer(item) {
  return {
    id: item["id"],
    name: item["name"],
    type: item["type"],
    systemData: !item["systemData"] ? item["systemData"] : systemDataDeserializer(item["systemData"]),
    ..._keyPropertiesDeserializer(item["properties"]),
    location: item["location"],
    tags: !item["tags"] ? item["tags"] : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p]))
  };
}
function keyPropertiesSerializer(item) {
  return {
    attributes: !item["attributes"] ? item["attributes"] : keyAttributesSerializer(item["attributes"]),
    kty: item["kty"],
    keyOps: !item["keyOps"] ? item["keyOps"] : item["keyOps"].map((p) => {
      return p;
    }),
    keySize: item["keySize"],
    curveName: item["curveName"],
    rotationPolicy: !item["rotationPolicy"] ? item["rotationPolicy"] : rotationPolicySerializer(item["rotationPolicy"]),
    release_policy: !item["releasePolicy"] ? item["releasePolicy"] : keyReleasePolicySerializer(item["releasePolicy"])
  };
}
function keyPropertiesDeserializer(item) {
  return {
    attributes: !item["attributes"] ? item["attributes"] : keyAttributesDeserializer(item["attributes"]),
    kty: item["kty"],
    keyOps: !item["keyOps"] ? item["keyOps"] : item["keyOps"].map((p) => {
      return p;
    }),
    keySize: item["keySize"],
    curveName: item["curveName"],
    keyUri: item["keyUri"],
    keyUriWithVersion: item["keyUriWithVersion"],
    rotationPolicy: !item["rotationPolicy"] ? item["rotationPolicy"] : rotationPolicyDeserializer(item["rotationPolicy"]),
    releasePolicy: !item["release_policy"] ? item["release_policy"] : keyReleasePolicyDeserializer(item["release_policy"])
  };
}
function keyAttributesSerializer(item) {
  return {
    enabled: item["enabled"],
    nbf: item["notBefore"],
    exp: item["expires"],
    exportable: item["exportable"]
  };
}
function keyAttributesDeserializer(item) {
  return {
    enabled: item["enabled"],
    notBefore: item["nbf"],
    expires: item["exp"],
    created: item["created"],
    updated: item["updated"],
    recoveryLevel: item["recoveryLevel"],
    exportable: item["exportable"]
  };
}
var KnownDeletionRecoveryLevel = /* @__PURE__ */ ((KnownDeletionRecoveryLevel2) => {
  KnownDeletionRecoveryLevel2["Purgeable"] = "Purgeable";
  KnownDeletionRecoveryLevel2["RecoverablePurgeable"] = "Recoverable+Purgeable";
  KnownDeletionRecoveryLevel2["Recoverable"] = "Recoverable";
  KnownDeletionRecoveryLevel2["RecoverableProtectedSubscription"] = "Recoverable+ProtectedSubscription";
  return KnownDeletionRecoveryLevel2;
})(KnownDeletionRecoveryLevel || {});
var KnownJsonWebKeyType = /* @__PURE__ */ ((KnownJsonWebKeyType2) => {
  KnownJsonWebKeyType2["EC"] = "EC";
  KnownJsonWebKeyType2["ECHSM"] = "EC-HSM";
  KnownJsonWebKeyType2["RSA"] = "RSA";
  KnownJsonWebKeyType2["RSAHSM"] = "RSA-HSM";
  return KnownJsonWebKeyType2;
})(KnownJsonWebKeyType || {});
var KnownJsonWebKeyOperation = /* @__PURE__ */ ((KnownJsonWebKeyOperation2) => {
  KnownJsonWebKeyOperation2["Encrypt"] = "encrypt";
  KnownJsonWebKeyOperation2["Decrypt"] = "decrypt";
  KnownJsonWebKeyOperation2["Sign"] = "sign";
  KnownJsonWebKeyOperation2["Verify"] = "verify";
  KnownJsonWebKeyOperation2["WrapKey"] = "wrapKey";
  KnownJsonWebKeyOperation2["UnwrapKey"] = "unwrapKey";
  KnownJsonWebKeyOperation2["Import"] = "import";
  KnownJsonWebKeyOperation2["Release"] = "release";
  return KnownJsonWebKeyOperation2;
})(KnownJsonWebKeyOperation || {});
var KnownJsonWebKeyCurveName = /* @__PURE__ */ ((KnownJsonWebKeyCurveName2) => {
  KnownJsonWebKeyCurveName2["P256"] = "P-256";
  KnownJsonWebKeyCurveName2["P384"] = "P-384";
  KnownJsonWebKeyCurveName2["P521"] = "P-521";
  KnownJsonWebKeyCurveName2["P256K"] = "P-256K";
  return KnownJsonWebKeyCurveName2;
})(KnownJsonWebKeyCurveName || {});
function rotationPolicySerializer(item) {
  return {
    attributes: !item["attributes"] ? item["attributes"] : keyRotationPolicyAttributesSerializer(item["attributes"]),
    lifetimeActions: !item["lifetimeActions"] ? item["lifetimeActions"] : lifetimeActionArraySerializer(item["lifetimeActions"])
  };
}
function rotationPolicyDeserializer(item) {
  return {
    attributes: !item["attributes"] ? item["attributes"] : keyRotationPolicyAttributesDeserializer(item["attributes"]),
    lifetimeActions: !item["lifetimeActions"] ? item["lifetimeActions"] : lifetimeActionArrayDeserializer(item["lifetimeActions"])
  };
}
function keyRotationPolicyAttributesSerializer(item) {
  return { expiryTime: item["expiryTime"] };
}
function keyRotationPolicyAttributesDeserializer(item) {
  return {
    created: item["created"],
    updated: item["updated"],
    expiryTime: item["expiryTime"]
  };
}
function lifetimeActionArraySerializer(result) {
  return result.map((item) => {
    return lifetimeActionSerializer(item);
  });
}
function lifetimeActionArrayDeserializer(result) {
  return result.map((item) => {
    return lifetimeActionDeserializer(item);
  });
}
function lifetimeActionSerializer(item) {
  return {
    trigger: !item["trigger"] ? item["trigger"] : triggerSerializer(item["trigger"]),
    action: !item["action"] ? item["action"] : actionSerializer(item["action"])
  };
}
function lifetimeActionDeserializer(item) {
  return {
    trigger: !item["trigger"] ? item["trigger"] : triggerDeserializer(item["trigger"]),
    action: !item["action"] ? item["action"] : actionDeserializer(item["action"])
  };
}
function triggerSerializer(item) {
  return { timeAfterCreate: item["timeAfterCreate"], timeBeforeExpiry: item["timeBeforeExpiry"] };
}
function triggerDeserializer(item) {
  return {
    timeAfterCreate: item["timeAfterCreate"],
    timeBeforeExpiry: item["timeBeforeExpiry"]
  };
}
function actionSerializer(item) {
  return { type: item["type"] };
}
function actionDeserializer(item) {
  return {
    type: item["type"]
  };
}
function keyReleasePolicySerializer(item) {
  return {
    contentType: item["contentType"],
    data: !item["data"] ? item["data"] : (0,core_util_dist_esm/* uint8ArrayToString */.SW)(item["data"], "base64url")
  };
}
function keyReleasePolicyDeserializer(item) {
  return {
    contentType: item["contentType"],
    data: !item["data"] ? item["data"] : typeof item["data"] === "string" ? (0,core_util_dist_esm/* stringToUint8Array */.Al)(item["data"], "base64url") : item["data"]
  };
}
function keyCreateParametersSerializer(item) {
  return { tags: item["tags"], properties: keyPropertiesSerializer(item["properties"]) };
}
function _keyListResultDeserializer(item) {
  return {
    value: keyArrayDeserializer(item["value"]),
    nextLink: item["nextLink"]
  };
}
function keyArrayDeserializer(result) {
  return result.map((item) => {
    return keyDeserializer(item);
  });
}
function managedHsmKeyDeserializer(item) {
  return {
    id: item["id"],
    name: item["name"],
    type: item["type"],
    systemData: !item["systemData"] ? item["systemData"] : systemDataDeserializer(item["systemData"]),
    ..._managedHsmKeyPropertiesDeserializer(item["properties"]),
    tags: !item["tags"] ? item["tags"] : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p]))
  };
}
function managedHsmKeyPropertiesSerializer(item) {
  return {
    attributes: !item["attributes"] ? item["attributes"] : managedHsmKeyAttributesSerializer(item["attributes"]),
    kty: item["kty"],
    keyOps: !item["keyOps"] ? item["keyOps"] : item["keyOps"].map((p) => {
      return p;
    }),
    keySize: item["keySize"],
    curveName: item["curveName"],
    rotationPolicy: !item["rotationPolicy"] ? item["rotationPolicy"] : managedHsmRotationPolicySerializer(item["rotationPolicy"]),
    release_policy: !item["releasePolicy"] ? item["releasePolicy"] : managedHsmKeyReleasePolicySerializer(item["releasePolicy"])
  };
}
function managedHsmKeyPropertiesDeserializer(item) {
  return {
    attributes: !item["attributes"] ? item["attributes"] : managedHsmKeyAttributesDeserializer(item["attributes"]),
    kty: item["kty"],
    keyOps: !item["keyOps"] ? item["keyOps"] : item["keyOps"].map((p) => {
      return p;
    }),
    keySize: item["keySize"],
    curveName: item["curveName"],
    keyUri: item["keyUri"],
    keyUriWithVersion: item["keyUriWithVersion"],
    rotationPolicy: !item["rotationPolicy"] ? item["rotationPolicy"] : managedHsmRotationPolicyDeserializer(item["rotationPolicy"]),
    releasePolicy: !item["release_policy"] ? item["release_policy"] : managedHsmKeyReleasePolicyDeserializer(item["release_policy"])
  };
}
function managedHsmKeyAttributesSerializer(item) {
  return {
    enabled: item["enabled"],
    nbf: item["notBefore"],
    exp: item["expires"],
    exportable: item["exportable"]
  };
}
function managedHsmKeyAttributesDeserializer(item) {
  return {
    enabled: item["enabled"],
    notBefore: item["nbf"],
    expires: item["exp"],
    created: item["created"],
    updated: item["updated"],
    recoveryLevel: item["recoveryLevel"],
    exportable: item["exportable"]
  };
}
function managedHsmRotationPolicySerializer(item) {
  return {
    attributes: !item["attributes"] ? item["attributes"] : managedHsmKeyRotationPolicyAttributesSerializer(item["attributes"]),
    lifetimeActions: !item["lifetimeActions"] ? item["lifetimeActions"] : managedHsmLifetimeActionArraySerializer(item["lifetimeActions"])
  };
}
function managedHsmRotationPolicyDeserializer(item) {
  return {
    attributes: !item["attributes"] ? item["attributes"] : managedHsmKeyRotationPolicyAttributesDeserializer(item["attributes"]),
    lifetimeActions: !item["lifetimeActions"] ? item["lifetimeActions"] : managedHsmLifetimeActionArrayDeserializer(item["lifetimeActions"])
  };
}
function managedHsmKeyRotationPolicyAttributesSerializer(item) {
  return { expiryTime: item["expiryTime"] };
}
function managedHsmKeyRotationPolicyAttributesDeserializer(item) {
  return {
    created: item["created"],
    updated: item["updated"],
    expiryTime: item["expiryTime"]
  };
}
function managedHsmLifetimeActionArraySerializer(result) {
  return result.map((item) => {
    return managedHsmLifetimeActionSerializer(item);
  });
}
function managedHsmLifetimeActionArrayDeserializer(result) {
  return result.map((item) => {
    return managedHsmLifetimeActionDeserializer(item);
  });
}
function managedHsmLifetimeActionSerializer(item) {
  return {
    trigger: !item["trigger"] ? item["trigger"] : managedHsmTriggerSerializer(item["trigger"]),
    action: !item["action"] ? item["action"] : managedHsmActionSerializer(item["action"])
  };
}
function managedHsmLifetimeActionDeserializer(item) {
  return {
    trigger: !item["trigger"] ? item["trigger"] : managedHsmTriggerDeserializer(item["trigger"]),
    action: !item["action"] ? item["action"] : managedHsmActionDeserializer(item["action"])
  };
}
function managedHsmTriggerSerializer(item) {
  return { timeAfterCreate: item["timeAfterCreate"], timeBeforeExpiry: item["timeBeforeExpiry"] };
}
function managedHsmTriggerDeserializer(item) {
  return {
    timeAfterCreate: item["timeAfterCreate"],
    timeBeforeExpiry: item["timeBeforeExpiry"]
  };
}
function managedHsmActionSerializer(item) {
  return { type: item["type"] };
}
function managedHsmActionDeserializer(item) {
  return {
    type: item["type"]
  };
}
function managedHsmKeyReleasePolicySerializer(item) {
  return {
    contentType: item["contentType"],
    data: !item["data"] ? item["data"] : (0,core_util_dist_esm/* uint8ArrayToString */.SW)(item["data"], "base64url")
  };
}
function managedHsmKeyReleasePolicyDeserializer(item) {
  return {
    contentType: item["contentType"],
    data: !item["data"] ? item["data"] : typeof item["data"] === "string" ? (0,core_util_dist_esm/* stringToUint8Array */.Al)(item["data"], "base64url") : item["data"]
  };
}
function managedHsmKeyCreateParametersSerializer(item) {
  return { tags: item["tags"], properties: managedHsmKeyPropertiesSerializer(item["properties"]) };
}
function _managedHsmKeyListResultDeserializer(item) {
  return {
    value: managedHsmKeyArrayDeserializer(item["value"]),
    nextLink: item["nextLink"]
  };
}
function managedHsmKeyArrayDeserializer(result) {
  return result.map((item) => {
    return managedHsmKeyDeserializer(item);
  });
}
function privateLinkResourceListResultDeserializer(item) {
  return {
    value: !item["value"] ? item["value"] : privateLinkResourceArrayDeserializer(item["value"])
  };
}
function privateLinkResourceArrayDeserializer(result) {
  return result.map((item) => {
    return privateLinkResourceDeserializer(item);
  });
}
function privateLinkResourceDeserializer(item) {
  return {
    id: item["id"],
    name: item["name"],
    type: item["type"],
    systemData: !item["systemData"] ? item["systemData"] : systemDataDeserializer(item["systemData"]),
    ...!item["properties"] ? item["properties"] : _privateLinkResourcePropertiesDeserializer(item["properties"]),
    location: item["location"],
    tags: !item["tags"] ? item["tags"] : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p]))
  };
}
function privateLinkResourcePropertiesDeserializer(item) {
  return {
    groupId: item["groupId"],
    requiredMembers: !item["requiredMembers"] ? item["requiredMembers"] : item["requiredMembers"].map((p) => {
      return p;
    }),
    requiredZoneNames: !item["requiredZoneNames"] ? item["requiredZoneNames"] : item["requiredZoneNames"].map((p) => {
      return p;
    })
  };
}
function mhsmPrivateLinkResourceListResultDeserializer(item) {
  return {
    value: !item["value"] ? item["value"] : mhsmPrivateLinkResourceArrayDeserializer(item["value"])
  };
}
function mhsmPrivateLinkResourceArrayDeserializer(result) {
  return result.map((item) => {
    return mhsmPrivateLinkResourceDeserializer(item);
  });
}
function mhsmPrivateLinkResourceDeserializer(item) {
  return {
    tags: !item["tags"] ? item["tags"] : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p])),
    location: item["location"],
    id: item["id"],
    name: item["name"],
    type: item["type"],
    systemData: !item["systemData"] ? item["systemData"] : systemDataDeserializer(item["systemData"]),
    ...!item["properties"] ? item["properties"] : _mhsmPrivateLinkResourcePropertiesDeserializer(item["properties"]),
    sku: !item["sku"] ? item["sku"] : managedHsmSkuDeserializer(item["sku"]),
    identity: !item["identity"] ? item["identity"] : managedServiceIdentityDeserializer(item["identity"])
  };
}
function mhsmPrivateLinkResourcePropertiesDeserializer(item) {
  return {
    groupId: item["groupId"],
    requiredMembers: !item["requiredMembers"] ? item["requiredMembers"] : item["requiredMembers"].map((p) => {
      return p;
    }),
    requiredZoneNames: !item["requiredZoneNames"] ? item["requiredZoneNames"] : item["requiredZoneNames"].map((p) => {
      return p;
    })
  };
}
function _mhsmRegionsListResultDeserializer(item) {
  return {
    value: mhsmGeoReplicatedRegionArrayDeserializer(item["value"]),
    nextLink: item["nextLink"]
  };
}
function mhsmPrivateEndpointConnectionSerializer(item) {
  return {
    properties: areAllPropsUndefined(item, ["privateEndpoint", "privateLinkServiceConnectionState"]) ? void 0 : _mhsmPrivateEndpointConnectionPropertiesSerializer(item),
    sku: !item["sku"] ? item["sku"] : managedHsmSkuSerializer(item["sku"]),
    identity: !item["identity"] ? item["identity"] : managedServiceIdentitySerializer(item["identity"]),
    etag: item["etag"],
    location: item["location"],
    tags: item["tags"]
  };
}
function mhsmPrivateEndpointConnectionDeserializer(item) {
  return {
    id: item["id"],
    name: item["name"],
    type: item["type"],
    systemData: !item["systemData"] ? item["systemData"] : systemDataDeserializer(item["systemData"]),
    ...!item["properties"] ? item["properties"] : _mhsmPrivateEndpointConnectionPropertiesDeserializer(item["properties"]),
    sku: !item["sku"] ? item["sku"] : managedHsmSkuDeserializer(item["sku"]),
    identity: !item["identity"] ? item["identity"] : managedServiceIdentityDeserializer(item["identity"]),
    etag: item["etag"],
    location: item["location"],
    tags: !item["tags"] ? item["tags"] : Object.fromEntries(Object.entries(item["tags"]).map(([k, p]) => [k, p]))
  };
}
function _mhsmPrivateEndpointConnectionsListResultDeserializer(item) {
  return {
    value: mhsmPrivateEndpointConnectionArrayDeserializer(item["value"]),
    nextLink: item["nextLink"]
  };
}
function mhsmPrivateEndpointConnectionArraySerializer(result) {
  return result.map((item) => {
    return mhsmPrivateEndpointConnectionSerializer(item);
  });
}
function mhsmPrivateEndpointConnectionArrayDeserializer(result) {
  return result.map((item) => {
    return mhsmPrivateEndpointConnectionDeserializer(item);
  });
}
var KnownVersions = /* @__PURE__ */ ((KnownVersions2) => {
  KnownVersions2["V20250501"] = "2025-05-01";
  KnownVersions2["V20260201"] = "2026-02-01";
  return KnownVersions2;
})(KnownVersions || {});
function _operationOperationPropertiesDeserializer(item) {
  return {
    serviceSpecification: !item["serviceSpecification"] ? item["serviceSpecification"] : serviceSpecificationDeserializer(item["serviceSpecification"])
  };
}
function _privateEndpointConnectionItemPropertiesSerializer(item) {
  return {
    privateEndpoint: !item["privateEndpoint"] ? item["privateEndpoint"] : privateEndpointSerializer(item["privateEndpoint"]),
    privateLinkServiceConnectionState: !item["privateLinkServiceConnectionState"] ? item["privateLinkServiceConnectionState"] : privateLinkServiceConnectionStateSerializer(item["privateLinkServiceConnectionState"])
  };
}
function _privateEndpointConnectionItemPropertiesDeserializer(item) {
  return {
    privateEndpoint: !item["privateEndpoint"] ? item["privateEndpoint"] : privateEndpointDeserializer(item["privateEndpoint"]),
    privateLinkServiceConnectionState: !item["privateLinkServiceConnectionState"] ? item["privateLinkServiceConnectionState"] : privateLinkServiceConnectionStateDeserializer(item["privateLinkServiceConnectionState"]),
    provisioningState: item["provisioningState"]
  };
}
function _privateEndpointConnectionPropertiesSerializer(item) {
  return {
    privateEndpoint: !item["privateEndpoint"] ? item["privateEndpoint"] : privateEndpointSerializer(item["privateEndpoint"]),
    privateLinkServiceConnectionState: !item["privateLinkServiceConnectionState"] ? item["privateLinkServiceConnectionState"] : privateLinkServiceConnectionStateSerializer(item["privateLinkServiceConnectionState"])
  };
}
function _privateEndpointConnectionPropertiesDeserializer(item) {
  return {
    privateEndpoint: !item["privateEndpoint"] ? item["privateEndpoint"] : privateEndpointDeserializer(item["privateEndpoint"]),
    privateLinkServiceConnectionState: !item["privateLinkServiceConnectionState"] ? item["privateLinkServiceConnectionState"] : privateLinkServiceConnectionStateDeserializer(item["privateLinkServiceConnectionState"]),
    provisioningState: item["provisioningState"]
  };
}
function _mhsmPrivateEndpointConnectionItemPropertiesSerializer(item) {
  return {
    privateEndpoint: !item["privateEndpoint"] ? item["privateEndpoint"] : mhsmPrivateEndpointSerializer(item["privateEndpoint"]),
    privateLinkServiceConnectionState: !item["privateLinkServiceConnectionState"] ? item["privateLinkServiceConnectionState"] : mhsmPrivateLinkServiceConnectionStateSerializer(item["privateLinkServiceConnectionState"])
  };
}
function _mhsmPrivateEndpointConnectionItemPropertiesDeserializer(item) {
  return {
    privateEndpoint: !item["privateEndpoint"] ? item["privateEndpoint"] : mhsmPrivateEndpointDeserializer(item["privateEndpoint"]),
    privateLinkServiceConnectionState: !item["privateLinkServiceConnectionState"] ? item["privateLinkServiceConnectionState"] : mhsmPrivateLinkServiceConnectionStateDeserializer(
      item["privateLinkServiceConnectionState"]
    ),
    provisioningState: item["provisioningState"]
  };
}
function _keyPropertiesSerializer(item) {
  return {
    attributes: !item["attributes"] ? item["attributes"] : keyAttributesSerializer(item["attributes"]),
    kty: item["kty"],
    keyOps: !item["keyOps"] ? item["keyOps"] : item["keyOps"].map((p) => {
      return p;
    }),
    keySize: item["keySize"],
    curveName: item["curveName"],
    rotationPolicy: !item["rotationPolicy"] ? item["rotationPolicy"] : rotationPolicySerializer(item["rotationPolicy"]),
    release_policy: !item["releasePolicy"] ? item["releasePolicy"] : keyReleasePolicySerializer(item["releasePolicy"])
  };
}
function _keyPropertiesDeserializer(item) {
  return {
    attributes: !item["attributes"] ? item["attributes"] : keyAttributesDeserializer(item["attributes"]),
    kty: item["kty"],
    keyOps: !item["keyOps"] ? item["keyOps"] : item["keyOps"].map((p) => {
      return p;
    }),
    keySize: item["keySize"],
    curveName: item["curveName"],
    keyUri: item["keyUri"],
    keyUriWithVersion: item["keyUriWithVersion"],
    rotationPolicy: !item["rotationPolicy"] ? item["rotationPolicy"] : rotationPolicyDeserializer(item["rotationPolicy"]),
    releasePolicy: !item["release_policy"] ? item["release_policy"] : keyReleasePolicyDeserializer(item["release_policy"])
  };
}
function _managedHsmKeyPropertiesSerializer(item) {
  return {
    attributes: !item["attributes"] ? item["attributes"] : managedHsmKeyAttributesSerializer(item["attributes"]),
    kty: item["kty"],
    keyOps: !item["keyOps"] ? item["keyOps"] : item["keyOps"].map((p) => {
      return p;
    }),
    keySize: item["keySize"],
    curveName: item["curveName"],
    rotationPolicy: !item["rotationPolicy"] ? item["rotationPolicy"] : managedHsmRotationPolicySerializer(item["rotationPolicy"]),
    release_policy: !item["releasePolicy"] ? item["releasePolicy"] : managedHsmKeyReleasePolicySerializer(item["releasePolicy"])
  };
}
function _managedHsmKeyPropertiesDeserializer(item) {
  return {
    attributes: !item["attributes"] ? item["attributes"] : managedHsmKeyAttributesDeserializer(item["attributes"]),
    kty: item["kty"],
    keyOps: !item["keyOps"] ? item["keyOps"] : item["keyOps"].map((p) => {
      return p;
    }),
    keySize: item["keySize"],
    curveName: item["curveName"],
    keyUri: item["keyUri"],
    keyUriWithVersion: item["keyUriWithVersion"],
    rotationPolicy: !item["rotationPolicy"] ? item["rotationPolicy"] : managedHsmRotationPolicyDeserializer(item["rotationPolicy"]),
    releasePolicy: !item["release_policy"] ? item["release_policy"] : managedHsmKeyReleasePolicyDeserializer(item["release_policy"])
  };
}
function _privateLinkResourcePropertiesDeserializer(item) {
  return {
    groupId: item["groupId"],
    requiredMembers: !item["requiredMembers"] ? item["requiredMembers"] : item["requiredMembers"].map((p) => {
      return p;
    }),
    requiredZoneNames: !item["requiredZoneNames"] ? item["requiredZoneNames"] : item["requiredZoneNames"].map((p) => {
      return p;
    })
  };
}
function _mhsmPrivateLinkResourcePropertiesDeserializer(item) {
  return {
    groupId: item["groupId"],
    requiredMembers: !item["requiredMembers"] ? item["requiredMembers"] : item["requiredMembers"].map((p) => {
      return p;
    }),
    requiredZoneNames: !item["requiredZoneNames"] ? item["requiredZoneNames"] : item["requiredZoneNames"].map((p) => {
      return p;
    })
  };
}
function _mhsmPrivateEndpointConnectionPropertiesSerializer(item) {
  return {
    privateEndpoint: !item["privateEndpoint"] ? item["privateEndpoint"] : mhsmPrivateEndpointSerializer(item["privateEndpoint"]),
    privateLinkServiceConnectionState: !item["privateLinkServiceConnectionState"] ? item["privateLinkServiceConnectionState"] : mhsmPrivateLinkServiceConnectionStateSerializer(item["privateLinkServiceConnectionState"])
  };
}
function _mhsmPrivateEndpointConnectionPropertiesDeserializer(item) {
  return {
    privateEndpoint: !item["privateEndpoint"] ? item["privateEndpoint"] : mhsmPrivateEndpointDeserializer(item["privateEndpoint"]),
    privateLinkServiceConnectionState: !item["privateLinkServiceConnectionState"] ? item["privateLinkServiceConnectionState"] : mhsmPrivateLinkServiceConnectionStateDeserializer(
      item["privateLinkServiceConnectionState"]
    ),
    provisioningState: item["provisioningState"]
  };
}


// EXTERNAL MODULE: ./node_modules/@azure/core-rest-pipeline/dist/esm/index.js + 38 modules
var core_rest_pipeline_dist_esm = __webpack_require__(8978);
;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/static-helpers/pagingHelpers.js


function buildPagedAsyncIterator(client, getInitialResponse, processResponseBody, expectedStatuses, options = {}) {
  const itemName = options.itemName ?? "value";
  const nextLinkName = options.nextLinkName ?? "nextLink";
  const nextLinkMethod = options.nextLinkMethod ?? "GET";
  const apiVersion = options.apiVersion;
  const pagedResult = {
    getPage: async (pageLink) => {
      let result;
      if (pageLink === void 0) {
        result = await getInitialResponse();
      } else {
        const resolvedPageLink = apiVersion ? addApiVersionToUrl(pageLink, apiVersion) : pageLink;
        result = nextLinkMethod === "POST" ? await client.pathUnchecked(resolvedPageLink).post() : await client.pathUnchecked(resolvedPageLink).get();
      }
      checkPagingRequest(result, expectedStatuses);
      const results = await processResponseBody(result);
      const nextLink = getNextLink(results, nextLinkName);
      const values = getElements(results, itemName);
      return {
        page: values,
        nextPageLink: nextLink
      };
    },
    byPage: (settings) => {
      const { continuationToken } = settings ?? {};
      return getPageAsyncIterator(pagedResult, {
        pageLink: continuationToken
      });
    }
  };
  return getPagedAsyncIterator(pagedResult);
}
function getPagedAsyncIterator(pagedResult) {
  const iter = getItemAsyncIterator(pagedResult);
  return {
    next() {
      return iter.next();
    },
    [Symbol.asyncIterator]() {
      return this;
    },
    byPage: pagedResult?.byPage ?? ((settings) => {
      const { continuationToken } = settings ?? {};
      return getPageAsyncIterator(pagedResult, {
        pageLink: continuationToken
      });
    })
  };
}
async function* getItemAsyncIterator(pagedResult) {
  const pages = getPageAsyncIterator(pagedResult);
  for await (const page of pages) {
    yield* page;
  }
}
async function* getPageAsyncIterator(pagedResult, options = {}) {
  const { pageLink } = options;
  let response = await pagedResult.getPage(pageLink ?? pagedResult.firstPageLink);
  if (!response) {
    return;
  }
  let result = response.page;
  result.continuationToken = response.nextPageLink;
  yield result;
  while (response.nextPageLink) {
    response = await pagedResult.getPage(response.nextPageLink);
    if (!response) {
      return;
    }
    result = response.page;
    result.continuationToken = response.nextPageLink;
    yield result;
  }
}
function getNextLink(body, nextLinkName) {
  if (!nextLinkName) {
    return void 0;
  }
  const nextLink = body[nextLinkName];
  if (typeof nextLink !== "string" && typeof nextLink !== "undefined" && nextLink !== null) {
    throw new core_rest_pipeline_dist_esm.RestError(
      `Body Property ${nextLinkName} should be a string or undefined or null but got ${typeof nextLink}`
    );
  }
  if (nextLink === null) {
    return void 0;
  }
  return nextLink;
}
function getElements(body, itemName) {
  const value = body[itemName];
  if (!Array.isArray(value)) {
    throw new core_rest_pipeline_dist_esm.RestError(
      `Couldn't paginate response
 Body doesn't contain an array property with name: ${itemName}`
    );
  }
  return value ?? [];
}
function checkPagingRequest(response, expectedStatuses) {
  if (!expectedStatuses.includes(response.status)) {
    throw (0,dist_esm/* createRestError */.t$)(
      `Pagination failed with unexpected statusCode ${response.status}`,
      response
    );
  }
}
function addApiVersionToUrl(url, apiVersion) {
  const urlObj = new URL(url, "https://microsoft.com");
  if (!urlObj.searchParams.get("api-version")) {
    return `${url}${Array.from(urlObj.searchParams.keys()).length > 0 ? "&" : "?"}api-version=${apiVersion}`;
  }
  return url;
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/static-helpers/urlTemplate.js
function encodeComponent(val, reserved, op) {
  return (reserved ?? op === "+") || op === "#" ? encodeReservedComponent(val) : encodeRFC3986URIComponent(val);
}
function encodeReservedComponent(str) {
  return str.split(/(%[0-9A-Fa-f]{2})/g).map((part) => !/%[0-9A-Fa-f]/.test(part) ? encodeURI(part) : part).join("");
}
function encodeRFC3986URIComponent(str) {
  return encodeURIComponent(str).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  );
}
function isDefined(val) {
  return val !== void 0 && val !== null;
}
function getNamedAndIfEmpty(op) {
  return [!!op && [";", "?", "&"].includes(op), !!op && ["?", "&"].includes(op) ? "=" : ""];
}
function getFirstOrSep(op, isFirst = false) {
  if (isFirst) {
    return !op || op === "+" ? "" : op;
  } else if (!op || op === "+" || op === "#") {
    return ",";
  } else if (op === "?") {
    return "&";
  } else {
    return op;
  }
}
function getExpandedValue(option) {
  let isFirst = option.isFirst;
  const { op, varName, varValue: value, reserved } = option;
  const vals = [];
  const [named, ifEmpty] = getNamedAndIfEmpty(op);
  if (Array.isArray(value)) {
    for (const val of value.filter(isDefined)) {
      vals.push(`${getFirstOrSep(op, isFirst)}`);
      if (named && varName) {
        vals.push(`${encodeURIComponent(varName)}`);
        if (val === "") {
          vals.push(ifEmpty);
        } else {
          vals.push("=");
        }
      }
      vals.push(encodeComponent(val, reserved, op));
      isFirst = false;
    }
  } else if (typeof value === "object") {
    for (const key of Object.keys(value)) {
      const val = value[key];
      if (!isDefined(val)) {
        continue;
      }
      vals.push(`${getFirstOrSep(op, isFirst)}`);
      if (key) {
        vals.push(`${encodeURIComponent(key)}`);
        if (named && val === "") {
          vals.push(ifEmpty);
        } else {
          vals.push("=");
        }
      }
      vals.push(encodeComponent(val, reserved, op));
      isFirst = false;
    }
  }
  return vals.join("");
}
function getNonExpandedValue(option) {
  const { op, varName, varValue: value, isFirst, reserved } = option;
  const vals = [];
  const first = getFirstOrSep(op, isFirst);
  const [named, ifEmpty] = getNamedAndIfEmpty(op);
  if (named && varName) {
    vals.push(encodeComponent(varName, reserved, op));
    if (value === "") {
      if (!ifEmpty) {
        vals.push(ifEmpty);
      }
      return !vals.join("") ? void 0 : `${first}${vals.join("")}`;
    }
    vals.push("=");
  }
  const items = [];
  if (Array.isArray(value)) {
    for (const val of value.filter(isDefined)) {
      items.push(encodeComponent(val, reserved, op));
    }
  } else if (typeof value === "object") {
    for (const key of Object.keys(value)) {
      if (!isDefined(value[key])) {
        continue;
      }
      items.push(encodeRFC3986URIComponent(key));
      items.push(encodeComponent(value[key], reserved, op));
    }
  }
  vals.push(items.join(","));
  return !vals.join(",") ? void 0 : `${first}${vals.join("")}`;
}
function getVarValue(option) {
  const { op, varName, modifier, isFirst, reserved, varValue: value } = option;
  if (!isDefined(value)) {
    return void 0;
  } else if (["string", "number", "boolean"].includes(typeof value)) {
    let val = value.toString();
    const [named, ifEmpty] = getNamedAndIfEmpty(op);
    const vals = [getFirstOrSep(op, isFirst)];
    if (named && varName) {
      vals.push(varName);
      if (val === "") {
        vals.push(ifEmpty);
      } else {
        vals.push("=");
      }
    }
    if (modifier && modifier !== "*") {
      val = val.substring(0, parseInt(modifier, 10));
    }
    vals.push(encodeComponent(val, reserved, op));
    return vals.join("");
  } else if (modifier === "*") {
    return getExpandedValue(option);
  } else {
    return getNonExpandedValue(option);
  }
}
function expandUrlTemplate(template, context, option) {
  const result = template.replace(/\{([^{}]+)\}|([^{}]+)/g, (_, expr, text) => {
    if (!expr) {
      return encodeReservedComponent(text);
    }
    let op;
    if (["+", "#", ".", "/", ";", "?", "&"].includes(expr[0])) {
      op = expr[0];
      expr = expr.slice(1);
    }
    const varList = expr.split(/,/g);
    const innerResult = [];
    for (const varSpec of varList) {
      const varMatch = /([^:*]*)(?::(\d+)|(\*))?/.exec(varSpec);
      if (!varMatch || !varMatch[1]) {
        continue;
      }
      const varValue = getVarValue({
        isFirst: innerResult.length === 0,
        op,
        varValue: context[varMatch[1]],
        varName: varMatch[1],
        modifier: varMatch[2] || varMatch[3],
        reserved: option?.allowReserved
      });
      if (varValue) {
        innerResult.push(varValue);
      }
    }
    return innerResult.join("");
  });
  return normalizeUnreserved(result);
}
function normalizeUnreserved(uri) {
  return uri.replace(/%([0-9A-Fa-f]{2})/g, (match, hex) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    if (/[.~-]/.test(char)) {
      return char;
    }
    return match;
  });
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/api/keys/operations.js




function _listVersionsSend(context, resourceGroupName, vaultName, keyName, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}/keys/{keyName}/versions{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      vaultName,
      keyName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function _listVersionsDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return _keyListResultDeserializer(result.body);
}
function listVersions(context, resourceGroupName, vaultName, keyName, options = { requestOptions: {} }) {
  return buildPagedAsyncIterator(
    context,
    () => _listVersionsSend(context, resourceGroupName, vaultName, keyName, options),
    _listVersionsDeserialize,
    ["200"],
    { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-02-01" }
  );
}
function _getVersionSend(context, resourceGroupName, vaultName, keyName, keyVersion, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}/keys/{keyName}/versions/{keyVersion}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      vaultName,
      keyName,
      keyVersion,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function _getVersionDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return keyDeserializer(result.body);
}
async function getVersion(context, resourceGroupName, vaultName, keyName, keyVersion, options = { requestOptions: {} }) {
  const result = await _getVersionSend(
    context,
    resourceGroupName,
    vaultName,
    keyName,
    keyVersion,
    options
  );
  return _getVersionDeserialize(result);
}
function _listSend(context, resourceGroupName, vaultName, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}/keys{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      vaultName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function _listDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return _keyListResultDeserializer(result.body);
}
function list(context, resourceGroupName, vaultName, options = { requestOptions: {} }) {
  return buildPagedAsyncIterator(
    context,
    () => _listSend(context, resourceGroupName, vaultName, options),
    _listDeserialize,
    ["200"],
    { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-02-01" }
  );
}
function _createIfNotExistSend(context, resourceGroupName, vaultName, keyName, parameters, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}/keys/{keyName}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      vaultName,
      keyName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).put({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    contentType: "application/json",
    headers: { accept: "application/json", ...options.requestOptions?.headers },
    body: keyCreateParametersSerializer(parameters)
  });
}
async function _createIfNotExistDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return keyDeserializer(result.body);
}
async function createIfNotExist(context, resourceGroupName, vaultName, keyName, parameters, options = { requestOptions: {} }) {
  const result = await _createIfNotExistSend(
    context,
    resourceGroupName,
    vaultName,
    keyName,
    parameters,
    options
  );
  return _createIfNotExistDeserialize(result);
}
function _getSend(context, resourceGroupName, vaultName, keyName, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}/keys/{keyName}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      vaultName,
      keyName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function _getDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return keyDeserializer(result.body);
}
async function get(context, resourceGroupName, vaultName, keyName, options = { requestOptions: {} }) {
  const result = await _getSend(context, resourceGroupName, vaultName, keyName, options);
  return _getDeserialize(result);
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/classic/keys/index.js

function _getKeys(context) {
  return {
    listVersions: (resourceGroupName, vaultName, keyName, options) => listVersions(context, resourceGroupName, vaultName, keyName, options),
    getVersion: (resourceGroupName, vaultName, keyName, keyVersion, options) => getVersion(context, resourceGroupName, vaultName, keyName, keyVersion, options),
    list: (resourceGroupName, vaultName, options) => list(context, resourceGroupName, vaultName, options),
    createIfNotExist: (resourceGroupName, vaultName, keyName, parameters, options) => createIfNotExist(context, resourceGroupName, vaultName, keyName, parameters, options),
    get: (resourceGroupName, vaultName, keyName, options) => get(context, resourceGroupName, vaultName, keyName, options)
  };
}
function _getKeysOperations(context) {
  return {
    ..._getKeys(context)
  };
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/api/managedHsmKeys/operations.js




function operations_listVersionsSend(context, resourceGroupName, name, keyName, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/managedHSMs/{name}/keys/{keyName}/versions{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      name,
      keyName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function operations_listVersionsDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return _managedHsmKeyListResultDeserializer(result.body);
}
function operations_listVersions(context, resourceGroupName, name, keyName, options = { requestOptions: {} }) {
  return buildPagedAsyncIterator(
    context,
    () => operations_listVersionsSend(context, resourceGroupName, name, keyName, options),
    operations_listVersionsDeserialize,
    ["200"],
    { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-02-01" }
  );
}
function operations_getVersionSend(context, resourceGroupName, name, keyName, keyVersion, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/managedHSMs/{name}/keys/{keyName}/versions/{keyVersion}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      name,
      keyName,
      keyVersion,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function operations_getVersionDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return managedHsmKeyDeserializer(result.body);
}
async function operations_getVersion(context, resourceGroupName, name, keyName, keyVersion, options = { requestOptions: {} }) {
  const result = await operations_getVersionSend(
    context,
    resourceGroupName,
    name,
    keyName,
    keyVersion,
    options
  );
  return operations_getVersionDeserialize(result);
}
function operations_listSend(context, resourceGroupName, name, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/managedHSMs/{name}/keys{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      name,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function operations_listDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return _managedHsmKeyListResultDeserializer(result.body);
}
function operations_list(context, resourceGroupName, name, options = { requestOptions: {} }) {
  return buildPagedAsyncIterator(
    context,
    () => operations_listSend(context, resourceGroupName, name, options),
    operations_listDeserialize,
    ["200"],
    { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-02-01" }
  );
}
function operations_createIfNotExistSend(context, resourceGroupName, name, keyName, parameters, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/managedHSMs/{name}/keys/{keyName}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      name,
      keyName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).put({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    contentType: "application/json",
    headers: { accept: "application/json", ...options.requestOptions?.headers },
    body: managedHsmKeyCreateParametersSerializer(parameters)
  });
}
async function operations_createIfNotExistDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return managedHsmKeyDeserializer(result.body);
}
async function operations_createIfNotExist(context, resourceGroupName, name, keyName, parameters, options = { requestOptions: {} }) {
  const result = await operations_createIfNotExistSend(
    context,
    resourceGroupName,
    name,
    keyName,
    parameters,
    options
  );
  return operations_createIfNotExistDeserialize(result);
}
function operations_getSend(context, resourceGroupName, name, keyName, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/managedHSMs/{name}/keys/{keyName}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      name,
      keyName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function operations_getDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return managedHsmKeyDeserializer(result.body);
}
async function operations_get(context, resourceGroupName, name, keyName, options = { requestOptions: {} }) {
  const result = await operations_getSend(context, resourceGroupName, name, keyName, options);
  return operations_getDeserialize(result);
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/classic/managedHsmKeys/index.js

function _getManagedHsmKeys(context) {
  return {
    listVersions: (resourceGroupName, name, keyName, options) => operations_listVersions(context, resourceGroupName, name, keyName, options),
    getVersion: (resourceGroupName, name, keyName, keyVersion, options) => operations_getVersion(context, resourceGroupName, name, keyName, keyVersion, options),
    list: (resourceGroupName, name, options) => operations_list(context, resourceGroupName, name, options),
    createIfNotExist: (resourceGroupName, name, keyName, parameters, options) => operations_createIfNotExist(context, resourceGroupName, name, keyName, parameters, options),
    get: (resourceGroupName, name, keyName, options) => operations_get(context, resourceGroupName, name, keyName, options)
  };
}
function _getManagedHsmKeysOperations(context) {
  return {
    ..._getManagedHsmKeys(context)
  };
}


;// CONCATENATED MODULE: ./node_modules/@azure/core-lro/dist/esm/logger.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

/**
 * The `@azure/logger` configuration for this package.
 * @internal
 */
const logger_logger = (0,esm/* createClientLogger */.KV)("core-lro");
//# sourceMappingURL=logger.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-lro/dist/esm/poller/constants.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * The default time interval to wait before sending the next polling request.
 */
const POLL_INTERVAL_IN_MS = 2000;
/**
 * The closed set of terminal states.
 */
const terminalStates = ["succeeded", "canceled", "failed"];
//# sourceMappingURL=constants.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-lro/dist/esm/poller/operation.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.


/**
 * Deserializes the state
 */
function deserializeState(serializedState) {
    try {
        return JSON.parse(serializedState).state;
    }
    catch (e) {
        throw new Error(`Unable to deserialize input state: ${serializedState}`);
    }
}
function setStateError(inputs) {
    const { state, isOperationError } = inputs;
    return (error) => {
        if (isOperationError(error)) {
            state.error = error;
            state.status = "failed";
        }
        throw error;
    };
}
function appendReadableErrorMessage(currentMessage, innerMessage) {
    let message = currentMessage;
    if (message.slice(-1) !== ".") {
        message = message + ".";
    }
    return message + " " + innerMessage;
}
function simplifyError(err) {
    let message = err.message;
    let code = err.code;
    let curErr = err;
    while (curErr.innererror) {
        curErr = curErr.innererror;
        code = curErr.code;
        message = appendReadableErrorMessage(message, curErr.message);
    }
    return {
        code,
        message,
    };
}
async function processOperationStatus(result) {
    const { state, status, isDone, processResult, getError, response, setErrorAsResult } = result;
    switch (status) {
        case "succeeded": {
            state.status = "succeeded";
            break;
        }
        case "failed": {
            const err = getError?.(response);
            let postfix = "";
            if (err) {
                const { code, message } = simplifyError(err);
                postfix = `. ${code}. ${message}`;
            }
            const errStr = `The long-running operation has failed${postfix}`;
            state.error = new Error(errStr);
            state.status = "failed";
            logger_logger.warning(errStr);
            break;
        }
        case "canceled": {
            state.status = "canceled";
            break;
        }
    }
    if (isDone?.(response, state) ||
        (isDone === undefined &&
            ["succeeded", "canceled"].concat(setErrorAsResult ? [] : ["failed"]).includes(status))) {
        state.result = await buildResult({
            response,
            state,
            processResult,
        });
    }
}
async function buildResult(inputs) {
    const { processResult, response, state } = inputs;
    return processResult ? processResult(response, state) : response;
}
/**
 * Initiates the long-running operation.
 */
async function initOperation(inputs) {
    const { init, processResult, getOperationStatus, withOperationLocation, setErrorAsResult } = inputs;
    const { operationLocation, resourceLocation, initialRequestUrl, requestMethod, metadata, response, } = await init();
    if (operationLocation)
        withOperationLocation?.(operationLocation, false);
    const config = {
        metadata,
        operationLocation,
        resourceLocation,
        initialRequestUrl,
        requestMethod,
    };
    logger_logger.verbose(`LRO: Operation description:`, config);
    const state = { status: "running", config };
    const status = getOperationStatus({ response, state, operationLocation });
    await processOperationStatus({
        state,
        status,
        response,
        setErrorAsResult,
        processResult,
    });
    return state;
}
async function pollOperationHelper(inputs) {
    const { poll, state, operationLocation, getOperationStatus, getResourceLocation, isOperationError, options, } = inputs;
    const response = await poll(operationLocation, options).catch(setStateError({
        state,
        isOperationError,
    }));
    const status = getOperationStatus(response, state);
    logger_logger.verbose(`LRO: Status:\n\tPolling from: ${state.config.operationLocation}\n\tOperation status: ${status}\n\tPolling status: ${terminalStates.includes(status) ? "Stopped" : "Running"}`);
    if (status === "succeeded") {
        const resourceLocation = getResourceLocation(response, state);
        if (resourceLocation !== undefined) {
            return {
                response: await poll(resourceLocation).catch(setStateError({ state, isOperationError })),
                status,
            };
        }
    }
    return { response, status };
}
/** Polls the long-running operation. */
async function operation_pollOperation(inputs) {
    const { poll, state, options, getOperationStatus, getResourceLocation, getOperationLocation, isOperationError, withOperationLocation, getPollingInterval, processResult, getError, updateState, setDelay, isDone, setErrorAsResult, } = inputs;
    const { operationLocation } = state.config;
    if (operationLocation !== undefined) {
        const { response, status } = await pollOperationHelper({
            poll,
            getOperationStatus,
            state,
            operationLocation,
            getResourceLocation,
            isOperationError,
            options,
        });
        await processOperationStatus({
            status,
            response,
            state,
            isDone,
            processResult,
            getError,
            setErrorAsResult,
        });
        if (!terminalStates.includes(status)) {
            const intervalInMs = getPollingInterval?.(response);
            if (intervalInMs)
                setDelay(intervalInMs);
            const location = getOperationLocation?.(response, state);
            if (location !== undefined) {
                const isUpdated = operationLocation !== location;
                state.config.operationLocation = location;
                withOperationLocation?.(location, isUpdated);
            }
            else
                withOperationLocation?.(operationLocation, false);
        }
        updateState?.(state, response);
    }
}
//# sourceMappingURL=operation.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-lro/dist/esm/http/operation.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.


function getOperationLocationPollingUrl(inputs) {
    const { azureAsyncOperation, operationLocation } = inputs;
    return operationLocation ?? azureAsyncOperation;
}
function getLocationHeader(rawResponse) {
    return rawResponse.headers["location"];
}
function getOperationLocationHeader(rawResponse) {
    return rawResponse.headers["operation-location"];
}
function getAzureAsyncOperationHeader(rawResponse) {
    return rawResponse.headers["azure-asyncoperation"];
}
function findResourceLocation(inputs) {
    const { location, requestMethod, requestPath, resourceLocationConfig, skipFinalGet } = inputs;
    // If skipFinalGet is true, return undefined to skip the final GET request
    if (skipFinalGet) {
        return undefined;
    }
    switch (requestMethod) {
        case "PUT": {
            return requestPath;
        }
        case "DELETE": {
            return undefined;
        }
        case "PATCH": {
            return getDefault() ?? requestPath;
        }
        default: {
            return getDefault();
        }
    }
    function getDefault() {
        switch (resourceLocationConfig) {
            case "operation-location":
            case "azure-async-operation": {
                return undefined;
            }
            case "original-uri": {
                return requestPath;
            }
            case "location":
            default: {
                return location;
            }
        }
    }
}
function inferLroMode(rawResponse, resourceLocationConfig, skipFinalGet) {
    const requestPath = rawResponse.request.url;
    const requestMethod = rawResponse.request.method;
    const operationLocation = getOperationLocationHeader(rawResponse);
    const azureAsyncOperation = getAzureAsyncOperationHeader(rawResponse);
    const pollingUrl = getOperationLocationPollingUrl({ operationLocation, azureAsyncOperation });
    const location = getLocationHeader(rawResponse);
    const normalizedRequestMethod = requestMethod?.toLocaleUpperCase();
    if (pollingUrl !== undefined) {
        return {
            mode: "OperationLocation",
            operationLocation: pollingUrl,
            resourceLocation: findResourceLocation({
                requestMethod: normalizedRequestMethod,
                location,
                requestPath,
                resourceLocationConfig,
                skipFinalGet,
            }),
            initialRequestUrl: requestPath,
            requestMethod,
        };
    }
    else if (location !== undefined) {
        return {
            mode: "ResourceLocation",
            operationLocation: location,
            initialRequestUrl: requestPath,
            requestMethod,
        };
    }
    else if (normalizedRequestMethod === "PUT" && requestPath) {
        return {
            mode: "Body",
            operationLocation: requestPath,
            initialRequestUrl: requestPath,
            requestMethod,
        };
    }
    else {
        return undefined;
    }
}
function transformStatus(inputs) {
    const { status, statusCode } = inputs;
    if (typeof status !== "string" && status !== undefined) {
        throw new Error(`Polling was unsuccessful. Expected status to have a string value or no value but it has instead: ${status}. This doesn't necessarily indicate the operation has failed. Check your Azure subscription or resource status for more information.`);
    }
    logger_logger.verbose(`LRO: Transforming status: ${status} with status code: ${statusCode}.`);
    const lowerCaseStatus = status?.toLocaleLowerCase();
    if (!lowerCaseStatus) {
        return toOperationStatus(statusCode);
    }
    if (lowerCaseStatus.includes("succeeded")) {
        return "succeeded";
    }
    if (lowerCaseStatus.includes("fail")) {
        return "failed";
    }
    if (["canceled", "cancelled"].includes(lowerCaseStatus)) {
        return "canceled";
    }
    return "running";
}
function getStatus(rawResponse) {
    const { status } = rawResponse.body ?? {};
    return transformStatus({ status, statusCode: rawResponse.statusCode });
}
function getProvisioningState(rawResponse) {
    const { properties, provisioningState } = rawResponse.body ?? {};
    const status = properties?.provisioningState ?? provisioningState;
    return transformStatus({ status, statusCode: rawResponse.statusCode });
}
function toOperationStatus(statusCode) {
    if (statusCode === 202) {
        return "running";
    }
    else if (statusCode < 300) {
        return "succeeded";
    }
    else {
        return "failed";
    }
}
function parseRetryAfter({ rawResponse }) {
    const retryAfter = rawResponse.headers["retry-after"];
    if (retryAfter !== undefined) {
        // Retry-After header value is either in HTTP date format, or in seconds
        const retryAfterInSeconds = parseInt(retryAfter);
        return isNaN(retryAfterInSeconds)
            ? calculatePollingIntervalFromDate(new Date(retryAfter))
            : retryAfterInSeconds * 1000;
    }
    return undefined;
}
function getErrorFromResponse(response) {
    const error = accessBodyProperty(response, "error");
    if (!error) {
        logger_logger.warning(`The long-running operation failed but there is no error property in the response's body`);
        return;
    }
    if (!error.code || !error.message) {
        logger_logger.warning(`The long-running operation failed but the error property in the response's body doesn't contain code or message`);
        return;
    }
    return error;
}
function calculatePollingIntervalFromDate(retryAfterDate) {
    const timeNow = Math.floor(new Date().getTime());
    const retryAfterTime = retryAfterDate.getTime();
    if (timeNow < retryAfterTime) {
        return retryAfterTime - timeNow;
    }
    return undefined;
}
function getStatusFromInitialResponse(inputs) {
    const { response, state, operationLocation } = inputs;
    function helper() {
        const mode = state.config.metadata?.["mode"];
        switch (mode) {
            case undefined:
                return toOperationStatus(response.rawResponse.statusCode);
            case "Body":
                return getOperationStatus(response, state);
            default:
                return "running";
        }
    }
    const status = helper();
    return status === "running" && operationLocation === undefined ? "succeeded" : status;
}
function getOperationLocation({ rawResponse }, state) {
    const mode = state.config.metadata?.["mode"];
    switch (mode) {
        case "OperationLocation": {
            return getOperationLocationPollingUrl({
                operationLocation: getOperationLocationHeader(rawResponse),
                azureAsyncOperation: getAzureAsyncOperationHeader(rawResponse),
            });
        }
        case "ResourceLocation": {
            return getLocationHeader(rawResponse);
        }
        case "Body":
        default: {
            return undefined;
        }
    }
}
function getOperationStatus({ rawResponse }, state) {
    const mode = state.config.metadata?.["mode"];
    switch (mode) {
        case "OperationLocation": {
            return getStatus(rawResponse);
        }
        case "ResourceLocation": {
            return toOperationStatus(rawResponse.statusCode);
        }
        case "Body": {
            return getProvisioningState(rawResponse);
        }
        default:
            throw new Error(`Internal error: Unexpected operation mode: ${mode}`);
    }
}
function accessBodyProperty({ flatResponse, rawResponse }, prop) {
    return flatResponse?.[prop] ?? rawResponse.body?.[prop];
}
function getResourceLocation(res, state) {
    const loc = accessBodyProperty(res, "resourceLocation");
    if (loc && typeof loc === "string") {
        state.config.resourceLocation = loc;
    }
    return state.config.resourceLocation;
}
function isOperationError(e) {
    return e.name === "RestError";
}
/** Polls the long-running operation. */
async function pollHttpOperation(inputs) {
    const { lro, options, processResult, updateState, setDelay, state, setErrorAsResult } = inputs;
    return pollOperation({
        state,
        setDelay,
        processResult: processResult
            ? ({ flatResponse }, inputState) => processResult(flatResponse, inputState)
            : ({ flatResponse }) => flatResponse,
        getError: getErrorFromResponse,
        updateState,
        getPollingInterval: parseRetryAfter,
        getOperationLocation,
        getOperationStatus,
        isOperationError,
        getResourceLocation,
        options,
        /**
         * The expansion here is intentional because `lro` could be an object that
         * references an inner this, so we need to preserve a reference to it.
         */
        poll: async (location, inputOptions) => lro.sendPollRequest(location, inputOptions),
        setErrorAsResult,
    });
}
//# sourceMappingURL=operation.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-lro/dist/esm/poller/poller.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.



/**
 * Returns a poller factory.
 */
function buildCreatePoller(inputs) {
    const { getOperationLocation, getStatusFromInitialResponse, getStatusFromPollResponse, isOperationError, getResourceLocation, getPollingInterval, getError, resolveOnUnsuccessful, } = inputs;
    return ({ init, poll }, options) => {
        const { processResult, updateState, withOperationLocation: withOperationLocationCallback, intervalInMs = POLL_INTERVAL_IN_MS, restoreFrom, } = options || {};
        const withOperationLocation = withOperationLocationCallback
            ? (() => {
                let called = false;
                return (operationLocation, isUpdated) => {
                    if (isUpdated)
                        withOperationLocationCallback(operationLocation);
                    else if (!called)
                        withOperationLocationCallback(operationLocation);
                    called = true;
                };
            })()
            : undefined;
        let statePromise;
        let state;
        if (restoreFrom) {
            state = deserializeState(restoreFrom);
            statePromise = Promise.resolve(state);
        }
        else {
            statePromise = initOperation({
                init,
                processResult,
                getOperationStatus: getStatusFromInitialResponse,
                withOperationLocation,
                setErrorAsResult: !resolveOnUnsuccessful,
            }).then((s) => (state = s));
        }
        let resultPromise;
        const abortController = new AbortController();
        const handlers = new Map();
        const handleProgressEvents = async () => handlers.forEach((h) => h(state));
        const cancelErrMsg = "Operation was canceled";
        let currentPollIntervalInMs = intervalInMs;
        const poller = {
            get operationState() {
                return state;
            },
            get result() {
                return state?.result;
            },
            get isDone() {
                return ["succeeded", "failed", "canceled"].includes(state?.status ?? "");
            },
            onProgress: (callback) => {
                const s = Symbol();
                handlers.set(s, callback);
                return () => handlers.delete(s);
            },
            serialize: async () => {
                await statePromise;
                return JSON.stringify({
                    state,
                });
            },
            submitted: async () => {
                await statePromise;
            },
            pollUntilDone: async (pollOptions) => {
                resultPromise ??= (async () => {
                    await statePromise;
                    if (!state) {
                        throw new Error("Poller should be initialized but it is not!");
                    }
                    const { abortSignal: inputAbortSignal } = pollOptions || {};
                    // In the future we can use AbortSignal.any() instead
                    function abortListener() {
                        abortController.abort();
                    }
                    const abortSignal = abortController.signal;
                    if (inputAbortSignal?.aborted) {
                        abortController.abort();
                    }
                    else if (!abortSignal.aborted) {
                        inputAbortSignal?.addEventListener("abort", abortListener, { once: true });
                    }
                    try {
                        if (!poller.isDone) {
                            await poller.poll({ abortSignal });
                            while (!poller.isDone) {
                                await (0,core_util_dist_esm/* delay */.cb)(currentPollIntervalInMs, { abortSignal });
                                await poller.poll({ abortSignal });
                            }
                        }
                    }
                    finally {
                        inputAbortSignal?.removeEventListener("abort", abortListener);
                    }
                    if (resolveOnUnsuccessful) {
                        return poller.result;
                    }
                    else {
                        switch (state.status) {
                            case "succeeded":
                                return poller.result;
                            case "canceled":
                                throw new Error(cancelErrMsg);
                            case "failed":
                                throw state.error;
                            case "notStarted":
                            case "running":
                                throw new Error(`Polling completed without succeeding or failing`);
                        }
                    }
                })().finally(() => {
                    resultPromise = undefined;
                });
                return resultPromise;
            },
            async poll(pollOptions) {
                await statePromise;
                if (!state) {
                    throw new Error("Poller should be initialized but it is not!");
                }
                if (resolveOnUnsuccessful) {
                    if (poller.isDone)
                        return state;
                }
                else {
                    switch (state.status) {
                        case "succeeded":
                            return state;
                        case "canceled":
                            throw new Error(cancelErrMsg);
                        case "failed":
                            throw state.error;
                    }
                }
                await operation_pollOperation({
                    poll,
                    state,
                    getOperationLocation,
                    isOperationError,
                    withOperationLocation,
                    getPollingInterval,
                    getOperationStatus: getStatusFromPollResponse,
                    getResourceLocation,
                    processResult,
                    getError,
                    updateState,
                    options: pollOptions,
                    setDelay: (pollIntervalInMs) => {
                        currentPollIntervalInMs = pollIntervalInMs;
                    },
                    setErrorAsResult: !resolveOnUnsuccessful,
                });
                await handleProgressEvents();
                if (!resolveOnUnsuccessful) {
                    switch (state.status) {
                        case "canceled":
                            throw new Error(cancelErrMsg);
                        case "failed":
                            throw state.error;
                    }
                }
                return state;
            },
            then(onfulfilled, onrejected) {
                return poller.pollUntilDone().then(onfulfilled, onrejected);
            },
            catch(onrejected) {
                return poller.pollUntilDone().catch(onrejected);
            },
            finally(onfinally) {
                return poller.pollUntilDone().finally(onfinally);
            },
            [Symbol.toStringTag]: "Poller",
        };
        return poller;
    };
}
//# sourceMappingURL=poller.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-lro/dist/esm/http/utils.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * Rewrites a given URL to use the specified base URL.
 * It preserves the pathname, search parameters, and fragment.
 * Handles relative URLs and proper encoding.
 *
 * @param params - An object containing the url and baseUrl.
 *                    url - The original URL (absolute or relative).
 *                    baseUrl - The new base URL to use.
 * @returns The rewritten URL as a string.
 */
function rewriteUrl({ url, baseUrl, }) {
    if (!url) {
        return undefined;
    }
    if (!baseUrl) {
        return url;
    }
    let originalUrl;
    try {
        // Try to parse inputUrl as an absolute URL.
        originalUrl = new URL(url);
    }
    catch {
        // If inputUrl is relative, resolve using the provided baseUrl.
        try {
            originalUrl = new URL(url, baseUrl);
        }
        catch (e) {
            throw new Error(`Invalid input URL provided: ${url}`);
        }
    }
    let newBase;
    try {
        newBase = new URL(baseUrl);
    }
    catch (e) {
        throw new Error(`Invalid base URL provided: ${baseUrl}`);
    }
    const rewrittenUrl = new URL(`${originalUrl.pathname}${originalUrl.search}${originalUrl.hash}`, newBase);
    return rewrittenUrl.toString();
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-lro/dist/esm/http/poller.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.



/**
 * Creates a poller that can be used to poll a long-running operation.
 * @param lro - Description of the long-running operation
 * @param options - options to configure the poller
 * @returns an initialized poller
 */
function createHttpPoller(lro, options) {
    const { resourceLocationConfig, intervalInMs, processResult, restoreFrom, updateState, withOperationLocation, resolveOnUnsuccessful = false, baseUrl, skipFinalGet, } = options || {};
    return buildCreatePoller({
        getStatusFromInitialResponse: getStatusFromInitialResponse,
        getStatusFromPollResponse: getOperationStatus,
        isOperationError: isOperationError,
        getOperationLocation: getOperationLocation,
        getResourceLocation: getResourceLocation,
        getPollingInterval: parseRetryAfter,
        getError: getErrorFromResponse,
        resolveOnUnsuccessful,
    })({
        init: async () => {
            const response = await lro.sendInitialRequest();
            const config = inferLroMode(response.rawResponse, resourceLocationConfig, skipFinalGet);
            return {
                response,
                operationLocation: rewriteUrl({ url: config?.operationLocation, baseUrl }),
                resourceLocation: rewriteUrl({ url: config?.resourceLocation, baseUrl }),
                initialRequestUrl: config?.initialRequestUrl,
                requestMethod: config?.requestMethod,
                ...(config?.mode ? { metadata: { mode: config.mode } } : {}),
            };
        },
        poll: lro.sendPollRequest,
    }, {
        intervalInMs,
        withOperationLocation,
        restoreFrom,
        updateState,
        processResult: processResult
            ? ({ flatResponse }, state) => processResult(flatResponse, state)
            : ({ flatResponse }) => flatResponse,
    });
}
//# sourceMappingURL=poller.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-lro/dist/esm/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.


//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/static-helpers/pollingHelpers.js


function getLongRunningPoller(client, processResponseBody, expectedStatuses, options) {
  const { restoreFrom, getInitialResponse, apiVersion } = options;
  if (!restoreFrom && !getInitialResponse) {
    throw new Error("Either restoreFrom or getInitialResponse must be specified");
  }
  let initialResponse = void 0;
  const pollAbortController = new AbortController();
  const poller = {
    sendInitialRequest: async () => {
      if (!getInitialResponse) {
        throw new Error("getInitialResponse is required when initializing a new poller");
      }
      initialResponse = await getInitialResponse();
      return getLroResponse(initialResponse, expectedStatuses);
    },
    sendPollRequest: async (path, pollOptions) => {
      function abortListener() {
        pollAbortController.abort();
      }
      const abortSignal = pollAbortController.signal;
      if (options.abortSignal?.aborted) {
        pollAbortController.abort();
      } else if (pollOptions?.abortSignal?.aborted) {
        pollAbortController.abort();
      } else if (!abortSignal.aborted) {
        options.abortSignal?.addEventListener("abort", abortListener, {
          once: true
        });
        pollOptions?.abortSignal?.addEventListener("abort", abortListener, {
          once: true
        });
      }
      let response;
      try {
        const pollingPath = apiVersion ? pollingHelpers_addApiVersionToUrl(path, apiVersion) : path;
        response = await client.pathUnchecked(pollingPath).get({ abortSignal });
      } finally {
        options.abortSignal?.removeEventListener("abort", abortListener);
        pollOptions?.abortSignal?.removeEventListener("abort", abortListener);
      }
      return getLroResponse(response, expectedStatuses);
    }
  };
  return createHttpPoller(poller, {
    intervalInMs: options?.updateIntervalInMs,
    resourceLocationConfig: options?.resourceLocationConfig,
    restoreFrom: options?.restoreFrom,
    processResult: (result) => {
      return processResponseBody(result);
    }
  });
}
function getLroResponse(response, expectedStatuses) {
  if (!expectedStatuses.includes(response.status)) {
    throw (0,dist_esm/* createRestError */.t$)(response);
  }
  return {
    flatResponse: response,
    rawResponse: {
      ...response,
      statusCode: Number.parseInt(response.status),
      body: response.body
    }
  };
}
function pollingHelpers_addApiVersionToUrl(url, apiVersion) {
  const urlObj = new URL(url, "https://microsoft.com");
  if (!urlObj.searchParams.get("api-version")) {
    return `${url}${Array.from(urlObj.searchParams.keys()).length > 0 ? "&" : "?"}api-version=${apiVersion}`;
  }
  return url;
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/api/managedHsms/operations.js





function _checkMhsmNameAvailabilitySend(context, mhsmName, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/checkMhsmNameAvailability{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).post({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    contentType: "application/json",
    headers: { accept: "application/json", ...options.requestOptions?.headers },
    body: checkMhsmNameAvailabilityParametersSerializer(mhsmName)
  });
}
async function _checkMhsmNameAvailabilityDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return checkMhsmNameAvailabilityResultDeserializer(result.body);
}
async function checkMhsmNameAvailability(context, mhsmName, options = { requestOptions: {} }) {
  const result = await _checkMhsmNameAvailabilitySend(context, mhsmName, options);
  return _checkMhsmNameAvailabilityDeserialize(result);
}
function _listDeletedSend(context, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/deletedManagedHSMs{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function _listDeletedDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = managedHsmErrorDeserializer(result.body);
    throw error;
  }
  return _deletedManagedHsmListResultDeserializer(result.body);
}
function listDeleted(context, options = { requestOptions: {} }) {
  return buildPagedAsyncIterator(
    context,
    () => _listDeletedSend(context, options),
    _listDeletedDeserialize,
    ["200"],
    { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-02-01" }
  );
}
function _purgeDeletedSend(context, name, location, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/locations/{location}/deletedManagedHSMs/{name}/purge{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      location,
      name,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).post({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function _purgeDeletedDeserialize(result) {
  const expectedStatuses = ["202", "200", "201"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = managedHsmErrorDeserializer(result.body);
    throw error;
  }
  return;
}
function purgeDeleted(context, name, location, options = { requestOptions: {} }) {
  return getLongRunningPoller(context, _purgeDeletedDeserialize, ["202", "200", "201"], {
    updateIntervalInMs: options?.updateIntervalInMs,
    abortSignal: options?.abortSignal,
    getInitialResponse: () => _purgeDeletedSend(context, name, location, options),
    resourceLocationConfig: "location",
    apiVersion: context.apiVersion ?? "2026-02-01"
  });
}
function _getDeletedSend(context, name, location, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/locations/{location}/deletedManagedHSMs/{name}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      location,
      name,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function _getDeletedDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = managedHsmErrorDeserializer(result.body);
    throw error;
  }
  return deletedManagedHsmDeserializer(result.body);
}
async function getDeleted(context, name, location, options = { requestOptions: {} }) {
  const result = await _getDeletedSend(context, name, location, options);
  return _getDeletedDeserialize(result);
}
function _listBySubscriptionSend(context, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/managedHSMs{?api%2Dversion,%24top}",
    {
      subscriptionId: context.subscriptionId,
      "api%2Dversion": context.apiVersion ?? "2026-02-01",
      "%24top": options?.top
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function _listBySubscriptionDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = managedHsmErrorDeserializer(result.body);
    throw error;
  }
  return _managedHsmListResultDeserializer(result.body);
}
function listBySubscription(context, options = { requestOptions: {} }) {
  return buildPagedAsyncIterator(
    context,
    () => _listBySubscriptionSend(context, options),
    _listBySubscriptionDeserialize,
    ["200"],
    { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-02-01" }
  );
}
function _listByResourceGroupSend(context, resourceGroupName, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/managedHSMs{?api%2Dversion,%24top}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01",
      "%24top": options?.top
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function _listByResourceGroupDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = managedHsmErrorDeserializer(result.body);
    throw error;
  }
  return _managedHsmListResultDeserializer(result.body);
}
function listByResourceGroup(context, resourceGroupName, options = { requestOptions: {} }) {
  return buildPagedAsyncIterator(
    context,
    () => _listByResourceGroupSend(context, resourceGroupName, options),
    _listByResourceGroupDeserialize,
    ["200"],
    { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-02-01" }
  );
}
function _$deleteSend(context, resourceGroupName, name, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/managedHSMs/{name}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      name,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).delete({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function _$deleteDeserialize(result) {
  const expectedStatuses = ["200", "202", "204"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = managedHsmErrorDeserializer(result.body);
    throw error;
  }
  return;
}
function $delete(context, resourceGroupName, name, options = { requestOptions: {} }) {
  return getLongRunningPoller(context, _$deleteDeserialize, ["200", "202", "204"], {
    updateIntervalInMs: options?.updateIntervalInMs,
    abortSignal: options?.abortSignal,
    getInitialResponse: () => _$deleteSend(context, resourceGroupName, name, options),
    resourceLocationConfig: "location",
    apiVersion: context.apiVersion ?? "2026-02-01"
  });
}
function _updateSend(context, resourceGroupName, name, parameters, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/managedHSMs/{name}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      name,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).patch({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    contentType: "application/json",
    headers: { accept: "application/json", ...options.requestOptions?.headers },
    body: managedHsmSerializer(parameters)
  });
}
async function _updateDeserialize(result) {
  const expectedStatuses = ["200", "202", "201"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = managedHsmErrorDeserializer(result.body);
    throw error;
  }
  return managedHsmDeserializer(result.body);
}
function update(context, resourceGroupName, name, parameters, options = { requestOptions: {} }) {
  return getLongRunningPoller(context, _updateDeserialize, ["200", "202", "201"], {
    updateIntervalInMs: options?.updateIntervalInMs,
    abortSignal: options?.abortSignal,
    getInitialResponse: () => _updateSend(context, resourceGroupName, name, parameters, options),
    resourceLocationConfig: "location",
    apiVersion: context.apiVersion ?? "2026-02-01"
  });
}
function _createOrUpdateSend(context, resourceGroupName, name, parameters, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/managedHSMs/{name}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      name,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).put({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    contentType: "application/json",
    headers: { accept: "application/json", ...options.requestOptions?.headers },
    body: managedHsmSerializer(parameters)
  });
}
async function _createOrUpdateDeserialize(result) {
  const expectedStatuses = ["200", "202", "201"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = managedHsmErrorDeserializer(result.body);
    throw error;
  }
  return managedHsmDeserializer(result.body);
}
function createOrUpdate(context, resourceGroupName, name, parameters, options = { requestOptions: {} }) {
  return getLongRunningPoller(context, _createOrUpdateDeserialize, ["200", "202", "201"], {
    updateIntervalInMs: options?.updateIntervalInMs,
    abortSignal: options?.abortSignal,
    getInitialResponse: () => _createOrUpdateSend(context, resourceGroupName, name, parameters, options),
    resourceLocationConfig: "location",
    apiVersion: context.apiVersion ?? "2026-02-01"
  });
}
function managedHsms_operations_getSend(context, resourceGroupName, name, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/managedHSMs/{name}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      name,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function managedHsms_operations_getDeserialize(result) {
  const expectedStatuses = ["200", "204"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = managedHsmErrorDeserializer(result.body);
    throw error;
  }
  return managedHsmDeserializer(result.body);
}
async function managedHsms_operations_get(context, resourceGroupName, name, options = { requestOptions: {} }) {
  const result = await managedHsms_operations_getSend(context, resourceGroupName, name, options);
  return managedHsms_operations_getDeserialize(result);
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/static-helpers/simplePollerHelpers.js
function getSimplePoller(poller) {
  const simplePoller = {
    isDone() {
      return poller.isDone;
    },
    isStopped() {
      throw new Error("isStopped is deprecated. Use abortSignal status to track this instead.");
    },
    getOperationState() {
      if (!poller.operationState) {
        throw new Error(
          "Operation state is not available. The poller may not have been started and you could await submitted() before calling getOperationState()."
        );
      }
      return poller.operationState;
    },
    getResult() {
      return poller.result;
    },
    toString() {
      if (!poller.operationState) {
        throw new Error(
          "Operation state is not available. The poller may not have been started and you could await submitted() before calling getOperationState()."
        );
      }
      return JSON.stringify({
        state: poller.operationState
      });
    },
    stopPolling() {
      throw new Error("stopPolling is deprecated. Use abortSignal to stop polling instead.");
    },
    onProgress: poller.onProgress,
    poll: poller.poll,
    pollUntilDone: poller.pollUntilDone,
    serialize: poller.serialize,
    submitted: poller.submitted
  };
  return simplePoller;
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/classic/managedHsms/index.js


function _getManagedHsms(context) {
  return {
    checkMhsmNameAvailability: (mhsmName, options) => checkMhsmNameAvailability(context, mhsmName, options),
    listDeleted: (options) => listDeleted(context, options),
    purgeDeleted: (name, location, options) => purgeDeleted(context, name, location, options),
    beginPurgeDeleted: async (name, location, options) => {
      const poller = purgeDeleted(context, name, location, options);
      await poller.submitted();
      return getSimplePoller(poller);
    },
    beginPurgeDeletedAndWait: async (name, location, options) => {
      return await purgeDeleted(context, name, location, options);
    },
    getDeleted: (name, location, options) => getDeleted(context, name, location, options),
    listBySubscription: (options) => listBySubscription(context, options),
    listByResourceGroup: (resourceGroupName, options) => listByResourceGroup(context, resourceGroupName, options),
    delete: (resourceGroupName, name, options) => $delete(context, resourceGroupName, name, options),
    beginDelete: async (resourceGroupName, name, options) => {
      const poller = $delete(context, resourceGroupName, name, options);
      await poller.submitted();
      return getSimplePoller(poller);
    },
    beginDeleteAndWait: async (resourceGroupName, name, options) => {
      return await $delete(context, resourceGroupName, name, options);
    },
    update: (resourceGroupName, name, parameters, options) => update(context, resourceGroupName, name, parameters, options),
    beginUpdate: async (resourceGroupName, name, parameters, options) => {
      const poller = update(context, resourceGroupName, name, parameters, options);
      await poller.submitted();
      return getSimplePoller(poller);
    },
    beginUpdateAndWait: async (resourceGroupName, name, parameters, options) => {
      return await update(context, resourceGroupName, name, parameters, options);
    },
    createOrUpdate: (resourceGroupName, name, parameters, options) => createOrUpdate(context, resourceGroupName, name, parameters, options),
    beginCreateOrUpdate: async (resourceGroupName, name, parameters, options) => {
      const poller = createOrUpdate(context, resourceGroupName, name, parameters, options);
      await poller.submitted();
      return getSimplePoller(poller);
    },
    beginCreateOrUpdateAndWait: async (resourceGroupName, name, parameters, options) => {
      return await createOrUpdate(context, resourceGroupName, name, parameters, options);
    },
    get: (resourceGroupName, name, options) => managedHsms_operations_get(context, resourceGroupName, name, options)
  };
}
function _getManagedHsmsOperations(context) {
  return {
    ..._getManagedHsms(context)
  };
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/api/mhsmPrivateEndpointConnections/operations.js





function _listByResourceSend(context, resourceGroupName, name, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/managedHSMs/{name}/privateEndpointConnections{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      name,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function _listByResourceDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = managedHsmErrorDeserializer(result.body);
    throw error;
  }
  return _mhsmPrivateEndpointConnectionsListResultDeserializer(result.body);
}
function listByResource(context, resourceGroupName, name, options = { requestOptions: {} }) {
  return buildPagedAsyncIterator(
    context,
    () => _listByResourceSend(context, resourceGroupName, name, options),
    _listByResourceDeserialize,
    ["200"],
    { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-02-01" }
  );
}
function operations_$deleteSend(context, resourceGroupName, name, privateEndpointConnectionName, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/managedHSMs/{name}/privateEndpointConnections/{privateEndpointConnectionName}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      name,
      privateEndpointConnectionName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).delete({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function operations_$deleteDeserialize(result) {
  const expectedStatuses = ["200", "202", "204"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return mhsmPrivateEndpointConnectionDeserializer(result.body);
}
function operations_$delete(context, resourceGroupName, name, privateEndpointConnectionName, options = { requestOptions: {} }) {
  return getLongRunningPoller(context, operations_$deleteDeserialize, ["200", "202", "204"], {
    updateIntervalInMs: options?.updateIntervalInMs,
    abortSignal: options?.abortSignal,
    getInitialResponse: () => operations_$deleteSend(context, resourceGroupName, name, privateEndpointConnectionName, options),
    resourceLocationConfig: "location",
    apiVersion: context.apiVersion ?? "2026-02-01"
  });
}
function _putSend(context, resourceGroupName, name, privateEndpointConnectionName, properties, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/managedHSMs/{name}/privateEndpointConnections/{privateEndpointConnectionName}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      name,
      privateEndpointConnectionName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).put({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    contentType: "application/json",
    headers: { accept: "application/json", ...options.requestOptions?.headers },
    body: mhsmPrivateEndpointConnectionSerializer(properties)
  });
}
async function _putDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return mhsmPrivateEndpointConnectionDeserializer(result.body);
}
async function put(context, resourceGroupName, name, privateEndpointConnectionName, properties, options = { requestOptions: {} }) {
  const result = await _putSend(
    context,
    resourceGroupName,
    name,
    privateEndpointConnectionName,
    properties,
    options
  );
  return _putDeserialize(result);
}
function mhsmPrivateEndpointConnections_operations_getSend(context, resourceGroupName, name, privateEndpointConnectionName, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/managedHSMs/{name}/privateEndpointConnections/{privateEndpointConnectionName}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      name,
      privateEndpointConnectionName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function mhsmPrivateEndpointConnections_operations_getDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = managedHsmErrorDeserializer(result.body);
    throw error;
  }
  return mhsmPrivateEndpointConnectionDeserializer(result.body);
}
async function mhsmPrivateEndpointConnections_operations_get(context, resourceGroupName, name, privateEndpointConnectionName, options = { requestOptions: {} }) {
  const result = await mhsmPrivateEndpointConnections_operations_getSend(
    context,
    resourceGroupName,
    name,
    privateEndpointConnectionName,
    options
  );
  return mhsmPrivateEndpointConnections_operations_getDeserialize(result);
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/classic/mhsmPrivateEndpointConnections/index.js


function _getMhsmPrivateEndpointConnections(context) {
  return {
    listByResource: (resourceGroupName, name, options) => listByResource(context, resourceGroupName, name, options),
    delete: (resourceGroupName, name, privateEndpointConnectionName, options) => operations_$delete(context, resourceGroupName, name, privateEndpointConnectionName, options),
    beginDelete: async (resourceGroupName, name, privateEndpointConnectionName, options) => {
      const poller = operations_$delete(
        context,
        resourceGroupName,
        name,
        privateEndpointConnectionName,
        options
      );
      await poller.submitted();
      return getSimplePoller(poller);
    },
    beginDeleteAndWait: async (resourceGroupName, name, privateEndpointConnectionName, options) => {
      return await operations_$delete(
        context,
        resourceGroupName,
        name,
        privateEndpointConnectionName,
        options
      );
    },
    put: (resourceGroupName, name, privateEndpointConnectionName, properties, options) => put(context, resourceGroupName, name, privateEndpointConnectionName, properties, options),
    get: (resourceGroupName, name, privateEndpointConnectionName, options) => mhsmPrivateEndpointConnections_operations_get(context, resourceGroupName, name, privateEndpointConnectionName, options)
  };
}
function _getMhsmPrivateEndpointConnectionsOperations(context) {
  return {
    ..._getMhsmPrivateEndpointConnections(context)
  };
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/api/mhsmPrivateLinkResources/operations.js



function _listByMhsmResourceSend(context, resourceGroupName, name, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/managedHSMs/{name}/privateLinkResources{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      name,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function _listByMhsmResourceDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return mhsmPrivateLinkResourceListResultDeserializer(result.body);
}
async function listByMhsmResource(context, resourceGroupName, name, options = { requestOptions: {} }) {
  const result = await _listByMhsmResourceSend(context, resourceGroupName, name, options);
  return _listByMhsmResourceDeserialize(result);
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/classic/mhsmPrivateLinkResources/index.js

function _getMhsmPrivateLinkResources(context) {
  return {
    listByMhsmResource: (resourceGroupName, name, options) => listByMhsmResource(context, resourceGroupName, name, options)
  };
}
function _getMhsmPrivateLinkResourcesOperations(context) {
  return {
    ..._getMhsmPrivateLinkResources(context)
  };
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/api/mhsmRegions/operations.js




function operations_listByResourceSend(context, resourceGroupName, name, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/managedHSMs/{name}/regions{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      name,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function operations_listByResourceDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = managedHsmErrorDeserializer(result.body);
    throw error;
  }
  return _mhsmRegionsListResultDeserializer(result.body);
}
function operations_listByResource(context, resourceGroupName, name, options = { requestOptions: {} }) {
  return buildPagedAsyncIterator(
    context,
    () => operations_listByResourceSend(context, resourceGroupName, name, options),
    operations_listByResourceDeserialize,
    ["200"],
    { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-02-01" }
  );
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/classic/mhsmRegions/index.js

function _getMhsmRegions(context) {
  return {
    listByResource: (resourceGroupName, name, options) => operations_listByResource(context, resourceGroupName, name, options)
  };
}
function _getMhsmRegionsOperations(context) {
  return {
    ..._getMhsmRegions(context)
  };
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/api/operations/operations.js




function operations_operations_listSend(context, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/providers/Microsoft.KeyVault/operations{?api%2Dversion}",
    {
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function operations_operations_listDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return _operationListResultDeserializer(result.body);
}
function operations_operations_list(context, options = { requestOptions: {} }) {
  return buildPagedAsyncIterator(
    context,
    () => operations_operations_listSend(context, options),
    operations_operations_listDeserialize,
    ["200"],
    { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-02-01" }
  );
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/classic/operations/index.js

function _getOperations(context) {
  return {
    list: (options) => operations_operations_list(context, options)
  };
}
function _getOperationsOperations(context) {
  return {
    ..._getOperations(context)
  };
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/api/privateEndpointConnections/operations.js





function privateEndpointConnections_operations_listByResourceSend(context, resourceGroupName, vaultName, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}/privateEndpointConnections{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      vaultName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function privateEndpointConnections_operations_listByResourceDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return _privateEndpointConnectionListResultDeserializer(result.body);
}
function privateEndpointConnections_operations_listByResource(context, resourceGroupName, vaultName, options = { requestOptions: {} }) {
  return buildPagedAsyncIterator(
    context,
    () => privateEndpointConnections_operations_listByResourceSend(context, resourceGroupName, vaultName, options),
    privateEndpointConnections_operations_listByResourceDeserialize,
    ["200"],
    { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-02-01" }
  );
}
function privateEndpointConnections_operations_$deleteSend(context, resourceGroupName, vaultName, privateEndpointConnectionName, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}/privateEndpointConnections/{privateEndpointConnectionName}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      vaultName,
      privateEndpointConnectionName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).delete({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function privateEndpointConnections_operations_$deleteDeserialize(result) {
  const expectedStatuses = ["200", "202", "204"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return privateEndpointConnectionDeserializer(result.body);
}
function privateEndpointConnections_operations_$delete(context, resourceGroupName, vaultName, privateEndpointConnectionName, options = { requestOptions: {} }) {
  return getLongRunningPoller(context, privateEndpointConnections_operations_$deleteDeserialize, ["200", "202", "204"], {
    updateIntervalInMs: options?.updateIntervalInMs,
    abortSignal: options?.abortSignal,
    getInitialResponse: () => privateEndpointConnections_operations_$deleteSend(context, resourceGroupName, vaultName, privateEndpointConnectionName, options),
    resourceLocationConfig: "location",
    apiVersion: context.apiVersion ?? "2026-02-01"
  });
}
function operations_putSend(context, resourceGroupName, vaultName, privateEndpointConnectionName, properties, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}/privateEndpointConnections/{privateEndpointConnectionName}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      vaultName,
      privateEndpointConnectionName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).put({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    contentType: "application/json",
    headers: { accept: "application/json", ...options.requestOptions?.headers },
    body: privateEndpointConnectionSerializer(properties)
  });
}
async function operations_putDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return privateEndpointConnectionDeserializer(result.body);
}
async function operations_put(context, resourceGroupName, vaultName, privateEndpointConnectionName, properties, options = { requestOptions: {} }) {
  const result = await operations_putSend(
    context,
    resourceGroupName,
    vaultName,
    privateEndpointConnectionName,
    properties,
    options
  );
  return operations_putDeserialize(result);
}
function privateEndpointConnections_operations_getSend(context, resourceGroupName, vaultName, privateEndpointConnectionName, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}/privateEndpointConnections/{privateEndpointConnectionName}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      vaultName,
      privateEndpointConnectionName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function privateEndpointConnections_operations_getDeserialize(result) {
  const expectedStatuses = ["200", "204"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return privateEndpointConnectionDeserializer(result.body);
}
async function privateEndpointConnections_operations_get(context, resourceGroupName, vaultName, privateEndpointConnectionName, options = { requestOptions: {} }) {
  const result = await privateEndpointConnections_operations_getSend(
    context,
    resourceGroupName,
    vaultName,
    privateEndpointConnectionName,
    options
  );
  return privateEndpointConnections_operations_getDeserialize(result);
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/classic/privateEndpointConnections/index.js


function _getPrivateEndpointConnections(context) {
  return {
    listByResource: (resourceGroupName, vaultName, options) => privateEndpointConnections_operations_listByResource(context, resourceGroupName, vaultName, options),
    delete: (resourceGroupName, vaultName, privateEndpointConnectionName, options) => privateEndpointConnections_operations_$delete(context, resourceGroupName, vaultName, privateEndpointConnectionName, options),
    beginDelete: async (resourceGroupName, vaultName, privateEndpointConnectionName, options) => {
      const poller = privateEndpointConnections_operations_$delete(
        context,
        resourceGroupName,
        vaultName,
        privateEndpointConnectionName,
        options
      );
      await poller.submitted();
      return getSimplePoller(poller);
    },
    beginDeleteAndWait: async (resourceGroupName, vaultName, privateEndpointConnectionName, options) => {
      return await privateEndpointConnections_operations_$delete(
        context,
        resourceGroupName,
        vaultName,
        privateEndpointConnectionName,
        options
      );
    },
    put: (resourceGroupName, vaultName, privateEndpointConnectionName, properties, options) => operations_put(
      context,
      resourceGroupName,
      vaultName,
      privateEndpointConnectionName,
      properties,
      options
    ),
    get: (resourceGroupName, vaultName, privateEndpointConnectionName, options) => privateEndpointConnections_operations_get(context, resourceGroupName, vaultName, privateEndpointConnectionName, options)
  };
}
function _getPrivateEndpointConnectionsOperations(context) {
  return {
    ..._getPrivateEndpointConnections(context)
  };
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/api/privateLinkResources/operations.js



function _listByVaultSend(context, resourceGroupName, vaultName, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}/privateLinkResources{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      vaultName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function _listByVaultDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return privateLinkResourceListResultDeserializer(result.body);
}
async function listByVault(context, resourceGroupName, vaultName, options = { requestOptions: {} }) {
  const result = await _listByVaultSend(context, resourceGroupName, vaultName, options);
  return _listByVaultDeserialize(result);
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/classic/privateLinkResources/index.js

function _getPrivateLinkResources(context) {
  return {
    listByVault: (resourceGroupName, vaultName, options) => listByVault(context, resourceGroupName, vaultName, options)
  };
}
function _getPrivateLinkResourcesOperations(context) {
  return {
    ..._getPrivateLinkResources(context)
  };
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/api/secrets/operations.js




function secrets_operations_listSend(context, resourceGroupName, vaultName, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}/secrets{?api%2Dversion,%24top}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      vaultName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01",
      "%24top": options?.top
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function secrets_operations_listDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return _secretListResultDeserializer(result.body);
}
function secrets_operations_list(context, resourceGroupName, vaultName, options = { requestOptions: {} }) {
  return buildPagedAsyncIterator(
    context,
    () => secrets_operations_listSend(context, resourceGroupName, vaultName, options),
    secrets_operations_listDeserialize,
    ["200"],
    { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-02-01" }
  );
}
function operations_updateSend(context, resourceGroupName, vaultName, secretName, parameters, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}/secrets/{secretName}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      vaultName,
      secretName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).patch({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    contentType: "application/json",
    headers: { accept: "application/json", ...options.requestOptions?.headers },
    body: secretPatchParametersSerializer(parameters)
  });
}
async function operations_updateDeserialize(result) {
  const expectedStatuses = ["200", "201"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return secretDeserializer(result.body);
}
async function operations_update(context, resourceGroupName, vaultName, secretName, parameters, options = { requestOptions: {} }) {
  const result = await operations_updateSend(
    context,
    resourceGroupName,
    vaultName,
    secretName,
    parameters,
    options
  );
  return operations_updateDeserialize(result);
}
function operations_createOrUpdateSend(context, resourceGroupName, vaultName, secretName, parameters, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}/secrets/{secretName}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      vaultName,
      secretName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).put({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    contentType: "application/json",
    headers: { accept: "application/json", ...options.requestOptions?.headers },
    body: secretCreateOrUpdateParametersSerializer(parameters)
  });
}
async function operations_createOrUpdateDeserialize(result) {
  const expectedStatuses = ["200", "201"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return secretDeserializer(result.body);
}
async function operations_createOrUpdate(context, resourceGroupName, vaultName, secretName, parameters, options = { requestOptions: {} }) {
  const result = await operations_createOrUpdateSend(
    context,
    resourceGroupName,
    vaultName,
    secretName,
    parameters,
    options
  );
  return operations_createOrUpdateDeserialize(result);
}
function secrets_operations_getSend(context, resourceGroupName, vaultName, secretName, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}/secrets/{secretName}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      vaultName,
      secretName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function secrets_operations_getDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return secretDeserializer(result.body);
}
async function secrets_operations_get(context, resourceGroupName, vaultName, secretName, options = { requestOptions: {} }) {
  const result = await secrets_operations_getSend(context, resourceGroupName, vaultName, secretName, options);
  return secrets_operations_getDeserialize(result);
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/classic/secrets/index.js

function _getSecrets(context) {
  return {
    list: (resourceGroupName, vaultName, options) => secrets_operations_list(context, resourceGroupName, vaultName, options),
    update: (resourceGroupName, vaultName, secretName, parameters, options) => operations_update(context, resourceGroupName, vaultName, secretName, parameters, options),
    createOrUpdate: (resourceGroupName, vaultName, secretName, parameters, options) => operations_createOrUpdate(context, resourceGroupName, vaultName, secretName, parameters, options),
    get: (resourceGroupName, vaultName, secretName, options) => secrets_operations_get(context, resourceGroupName, vaultName, secretName, options)
  };
}
function _getSecretsOperations(context) {
  return {
    ..._getSecrets(context)
  };
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/api/vaults/operations.js





function _checkNameAvailabilitySend(context, vaultName, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/checkNameAvailability{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).post({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    contentType: "application/json",
    headers: { accept: "application/json", ...options.requestOptions?.headers },
    body: vaultCheckNameAvailabilityParametersSerializer(vaultName)
  });
}
async function _checkNameAvailabilityDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return checkNameAvailabilityResultDeserializer(result.body);
}
async function checkNameAvailability(context, vaultName, options = { requestOptions: {} }) {
  const result = await _checkNameAvailabilitySend(context, vaultName, options);
  return _checkNameAvailabilityDeserialize(result);
}
function vaults_operations_listSend(context, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resources{?%24filter,%24top,api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      "%24filter": "resourceType eq 'Microsoft.KeyVault/vaults'",
      "%24top": options?.top,
      "api%2Dversion": "2015-11-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function vaults_operations_listDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return _resourceListResultDeserializer(result.body);
}
function vaults_operations_list(context, options = { requestOptions: {} }) {
  return buildPagedAsyncIterator(
    context,
    () => vaults_operations_listSend(context, options),
    vaults_operations_listDeserialize,
    ["200"],
    { itemName: "value", nextLinkName: "nextLink" }
  );
}
function operations_listDeletedSend(context, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/deletedVaults{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function operations_listDeletedDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return _deletedVaultListResultDeserializer(result.body);
}
function operations_listDeleted(context, options = { requestOptions: {} }) {
  return buildPagedAsyncIterator(
    context,
    () => operations_listDeletedSend(context, options),
    operations_listDeletedDeserialize,
    ["200"],
    { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-02-01" }
  );
}
function operations_purgeDeletedSend(context, vaultName, location, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/locations/{location}/deletedVaults/{vaultName}/purge{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      location,
      vaultName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).post({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function operations_purgeDeletedDeserialize(result) {
  const expectedStatuses = ["200", "202", "201"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return;
}
function operations_purgeDeleted(context, vaultName, location, options = { requestOptions: {} }) {
  return getLongRunningPoller(context, operations_purgeDeletedDeserialize, ["200", "202", "201"], {
    updateIntervalInMs: options?.updateIntervalInMs,
    abortSignal: options?.abortSignal,
    getInitialResponse: () => operations_purgeDeletedSend(context, vaultName, location, options),
    resourceLocationConfig: "location",
    apiVersion: context.apiVersion ?? "2026-02-01"
  });
}
function operations_getDeletedSend(context, vaultName, location, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/locations/{location}/deletedVaults/{vaultName}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      location,
      vaultName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function operations_getDeletedDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return deletedVaultDeserializer(result.body);
}
async function operations_getDeleted(context, vaultName, location, options = { requestOptions: {} }) {
  const result = await operations_getDeletedSend(context, vaultName, location, options);
  return operations_getDeletedDeserialize(result);
}
function _updateAccessPolicySend(context, resourceGroupName, vaultName, operationKind, parameters, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}/accessPolicies/{operationKind}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      vaultName,
      operationKind,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).put({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    contentType: "application/json",
    headers: { accept: "application/json", ...options.requestOptions?.headers },
    body: vaultAccessPolicyParametersSerializer(parameters)
  });
}
async function _updateAccessPolicyDeserialize(result) {
  const expectedStatuses = ["200", "201"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return vaultAccessPolicyParametersDeserializer(result.body);
}
async function updateAccessPolicy(context, resourceGroupName, vaultName, operationKind, parameters, options = { requestOptions: {} }) {
  const result = await _updateAccessPolicySend(
    context,
    resourceGroupName,
    vaultName,
    operationKind,
    parameters,
    options
  );
  return _updateAccessPolicyDeserialize(result);
}
function operations_listBySubscriptionSend(context, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/vaults{?api%2Dversion,%24top}",
    {
      subscriptionId: context.subscriptionId,
      "api%2Dversion": context.apiVersion ?? "2026-02-01",
      "%24top": options?.top
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function operations_listBySubscriptionDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return _vaultListResultDeserializer(result.body);
}
function operations_listBySubscription(context, options = { requestOptions: {} }) {
  return buildPagedAsyncIterator(
    context,
    () => operations_listBySubscriptionSend(context, options),
    operations_listBySubscriptionDeserialize,
    ["200"],
    { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-02-01" }
  );
}
function operations_listByResourceGroupSend(context, resourceGroupName, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults{?api%2Dversion,%24top}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01",
      "%24top": options?.top
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function operations_listByResourceGroupDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return _vaultListResultDeserializer(result.body);
}
function operations_listByResourceGroup(context, resourceGroupName, options = { requestOptions: {} }) {
  return buildPagedAsyncIterator(
    context,
    () => operations_listByResourceGroupSend(context, resourceGroupName, options),
    operations_listByResourceGroupDeserialize,
    ["200"],
    { itemName: "value", nextLinkName: "nextLink", apiVersion: context.apiVersion ?? "2026-02-01" }
  );
}
function vaults_operations_$deleteSend(context, resourceGroupName, vaultName, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      vaultName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).delete({ ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options) });
}
async function vaults_operations_$deleteDeserialize(result) {
  const expectedStatuses = ["200", "204"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return;
}
async function vaults_operations_$delete(context, resourceGroupName, vaultName, options = { requestOptions: {} }) {
  const result = await vaults_operations_$deleteSend(context, resourceGroupName, vaultName, options);
  return vaults_operations_$deleteDeserialize(result);
}
function vaults_operations_updateSend(context, resourceGroupName, vaultName, parameters, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      vaultName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).patch({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    contentType: "application/json",
    headers: { accept: "application/json", ...options.requestOptions?.headers },
    body: vaultPatchParametersSerializer(parameters)
  });
}
async function vaults_operations_updateDeserialize(result) {
  const expectedStatuses = ["200", "201"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return vaultDeserializer(result.body);
}
async function vaults_operations_update(context, resourceGroupName, vaultName, parameters, options = { requestOptions: {} }) {
  const result = await vaults_operations_updateSend(context, resourceGroupName, vaultName, parameters, options);
  return vaults_operations_updateDeserialize(result);
}
function vaults_operations_createOrUpdateSend(context, resourceGroupName, vaultName, parameters, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      vaultName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).put({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    contentType: "application/json",
    headers: { accept: "application/json", ...options.requestOptions?.headers },
    body: vaultCreateOrUpdateParametersSerializer(parameters)
  });
}
async function vaults_operations_createOrUpdateDeserialize(result) {
  const expectedStatuses = ["200", "201", "202"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return vaultDeserializer(result.body);
}
function vaults_operations_createOrUpdate(context, resourceGroupName, vaultName, parameters, options = { requestOptions: {} }) {
  return getLongRunningPoller(context, vaults_operations_createOrUpdateDeserialize, ["200", "201", "202"], {
    updateIntervalInMs: options?.updateIntervalInMs,
    abortSignal: options?.abortSignal,
    getInitialResponse: () => vaults_operations_createOrUpdateSend(context, resourceGroupName, vaultName, parameters, options),
    resourceLocationConfig: "location",
    apiVersion: context.apiVersion ?? "2026-02-01"
  });
}
function vaults_operations_getSend(context, resourceGroupName, vaultName, options = { requestOptions: {} }) {
  const path = expandUrlTemplate(
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}{?api%2Dversion}",
    {
      subscriptionId: context.subscriptionId,
      resourceGroupName,
      vaultName,
      "api%2Dversion": context.apiVersion ?? "2026-02-01"
    },
    {
      allowReserved: options?.requestOptions?.skipUrlEncoding
    }
  );
  return context.path(path).get({
    ...(0,dist_esm/* operationOptionsToRequestParameters */.Iq)(options),
    headers: { accept: "application/json", ...options.requestOptions?.headers }
  });
}
async function vaults_operations_getDeserialize(result) {
  const expectedStatuses = ["200"];
  if (!expectedStatuses.includes(result.status)) {
    const error = (0,dist_esm/* createRestError */.t$)(result);
    error.details = cloudErrorDeserializer(result.body);
    throw error;
  }
  return vaultDeserializer(result.body);
}
async function vaults_operations_get(context, resourceGroupName, vaultName, options = { requestOptions: {} }) {
  const result = await vaults_operations_getSend(context, resourceGroupName, vaultName, options);
  return vaults_operations_getDeserialize(result);
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/classic/vaults/index.js


function _getVaults(context) {
  return {
    checkNameAvailability: (vaultName, options) => checkNameAvailability(context, vaultName, options),
    list: (options) => vaults_operations_list(context, options),
    listDeleted: (options) => operations_listDeleted(context, options),
    purgeDeleted: (vaultName, location, options) => operations_purgeDeleted(context, vaultName, location, options),
    beginPurgeDeleted: async (vaultName, location, options) => {
      const poller = operations_purgeDeleted(context, vaultName, location, options);
      await poller.submitted();
      return getSimplePoller(poller);
    },
    beginPurgeDeletedAndWait: async (vaultName, location, options) => {
      return await operations_purgeDeleted(context, vaultName, location, options);
    },
    getDeleted: (vaultName, location, options) => operations_getDeleted(context, vaultName, location, options),
    updateAccessPolicy: (resourceGroupName, vaultName, operationKind, parameters, options) => updateAccessPolicy(context, resourceGroupName, vaultName, operationKind, parameters, options),
    listBySubscription: (options) => operations_listBySubscription(context, options),
    listByResourceGroup: (resourceGroupName, options) => operations_listByResourceGroup(context, resourceGroupName, options),
    delete: (resourceGroupName, vaultName, options) => vaults_operations_$delete(context, resourceGroupName, vaultName, options),
    update: (resourceGroupName, vaultName, parameters, options) => vaults_operations_update(context, resourceGroupName, vaultName, parameters, options),
    createOrUpdate: (resourceGroupName, vaultName, parameters, options) => vaults_operations_createOrUpdate(context, resourceGroupName, vaultName, parameters, options),
    beginCreateOrUpdate: async (resourceGroupName, vaultName, parameters, options) => {
      const poller = vaults_operations_createOrUpdate(context, resourceGroupName, vaultName, parameters, options);
      await poller.submitted();
      return getSimplePoller(poller);
    },
    beginCreateOrUpdateAndWait: async (resourceGroupName, vaultName, parameters, options) => {
      return await vaults_operations_createOrUpdate(context, resourceGroupName, vaultName, parameters, options);
    },
    get: (resourceGroupName, vaultName, options) => vaults_operations_get(context, resourceGroupName, vaultName, options)
  };
}
function _getVaultsOperations(context) {
  return {
    ..._getVaults(context)
  };
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/keyVaultManagementClient.js












class KeyVaultManagementClient {
  _client;
  /** The pipeline used by this client to make requests */
  pipeline;
  /** The Azure management API provides a RESTful set of web services that interact with Azure Key Vault. */
  constructor(credential, subscriptionIdOrOptions, options) {
    let subscriptionId;
    if (typeof subscriptionIdOrOptions === "string") {
      subscriptionId = subscriptionIdOrOptions;
    } else if (typeof subscriptionIdOrOptions === "object") {
      options = subscriptionIdOrOptions;
    }
    options = options ?? {};
    const prefixFromOptions = options?.userAgentOptions?.userAgentPrefix;
    const userAgentPrefix = prefixFromOptions ? `${prefixFromOptions} azsdk-js-client` : `azsdk-js-client`;
    this._client = createKeyVaultManagement(credential, subscriptionId ?? "", {
      ...options,
      userAgentOptions: { userAgentPrefix }
    });
    this.pipeline = this._client.pipeline;
    this.mhsmPrivateEndpointConnections = _getMhsmPrivateEndpointConnectionsOperations(
      this._client
    );
    this.mhsmRegions = _getMhsmRegionsOperations(this._client);
    this.mhsmPrivateLinkResources = _getMhsmPrivateLinkResourcesOperations(this._client);
    this.privateLinkResources = _getPrivateLinkResourcesOperations(this._client);
    this.managedHsmKeys = _getManagedHsmKeysOperations(this._client);
    this.keys = _getKeysOperations(this._client);
    this.secrets = _getSecretsOperations(this._client);
    this.managedHsms = _getManagedHsmsOperations(this._client);
    this.privateEndpointConnections = _getPrivateEndpointConnectionsOperations(this._client);
    this.vaults = _getVaultsOperations(this._client);
    this.operations = _getOperationsOperations(this._client);
  }
  /** The operation groups for mhsmPrivateEndpointConnections */
  mhsmPrivateEndpointConnections;
  /** The operation groups for mhsmRegions */
  mhsmRegions;
  /** The operation groups for mhsmPrivateLinkResources */
  mhsmPrivateLinkResources;
  /** The operation groups for privateLinkResources */
  privateLinkResources;
  /** The operation groups for managedHsmKeys */
  managedHsmKeys;
  /** The operation groups for keys */
  keys;
  /** The operation groups for secrets */
  secrets;
  /** The operation groups for managedHsms */
  managedHsms;
  /** The operation groups for privateEndpointConnections */
  privateEndpointConnections;
  /** The operation groups for vaults */
  vaults;
  /** The operation groups for operations */
  operations;
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/restorePollerHelpers.js






function restorePoller(client, serializedState, sourceOperation, options) {
  const pollerConfig = deserializeState(serializedState).config;
  const { initialRequestUrl, requestMethod, metadata } = pollerConfig;
  if (!initialRequestUrl || !requestMethod) {
    throw new Error(
      `Invalid serialized state: ${serializedState} for sourceOperation ${sourceOperation?.name}`
    );
  }
  const resourceLocationConfig = metadata?.["resourceLocationConfig"];
  const { deserializer, expectedStatuses = [] } = getDeserializationHelper(initialRequestUrl, requestMethod) ?? {};
  const deserializeHelper = options?.processResponseBody ?? deserializer;
  if (!deserializeHelper) {
    throw new Error(
      `Please ensure the operation is in this client! We can't find its deserializeHelper for ${sourceOperation?.name}.`
    );
  }
  const apiVersion = getApiVersionFromUrl(initialRequestUrl);
  return getLongRunningPoller(
    client["_client"] ?? client,
    deserializeHelper,
    expectedStatuses,
    {
      updateIntervalInMs: options?.updateIntervalInMs,
      abortSignal: options?.abortSignal,
      resourceLocationConfig,
      restoreFrom: serializedState,
      initialRequestUrl,
      apiVersion
    }
  );
}
const deserializeMap = {
  "DELETE /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/managedHSMs/{name}/privateEndpointConnections/{privateEndpointConnectionName}": { deserializer: operations_$deleteDeserialize, expectedStatuses: ["200", "202", "204"] },
  "POST /subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/locations/{location}/deletedManagedHSMs/{name}/purge": { deserializer: _purgeDeletedDeserialize, expectedStatuses: ["202", "200", "201"] },
  "DELETE /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/managedHSMs/{name}": { deserializer: _$deleteDeserialize, expectedStatuses: ["200", "202", "204"] },
  "PATCH /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/managedHSMs/{name}": { deserializer: _updateDeserialize, expectedStatuses: ["200", "202", "201"] },
  "PUT /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/managedHSMs/{name}": { deserializer: _createOrUpdateDeserialize, expectedStatuses: ["200", "202", "201"] },
  "DELETE /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}/privateEndpointConnections/{privateEndpointConnectionName}": {
    deserializer: privateEndpointConnections_operations_$deleteDeserialize,
    expectedStatuses: ["200", "202", "204"]
  },
  "POST /subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/locations/{location}/deletedVaults/{vaultName}/purge": { deserializer: operations_purgeDeletedDeserialize, expectedStatuses: ["200", "202", "201"] },
  "PUT /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}": { deserializer: vaults_operations_createOrUpdateDeserialize, expectedStatuses: ["200", "201", "202"] }
};
function getDeserializationHelper(urlStr, method) {
  const path = new URL(urlStr).pathname;
  const pathParts = path.split("/");
  let matchedLen = -1, matchedValue;
  for (const [key, value] of Object.entries(deserializeMap)) {
    if (!key.startsWith(method)) {
      continue;
    }
    const candidatePath = getPathFromMapKey(key);
    const candidateParts = candidatePath.split("/");
    let found = true;
    for (let i = candidateParts.length - 1, j = pathParts.length - 1; i >= 1 && j >= 1; i--, j--) {
      if (candidateParts[i]?.startsWith("{") && candidateParts[i]?.indexOf("}") !== -1) {
        const start = candidateParts[i].indexOf("}") + 1, end = candidateParts[i]?.length;
        const isMatched = new RegExp(`${candidateParts[i]?.slice(start, end)}`).test(
          pathParts[j] || ""
        );
        if (!isMatched) {
          found = false;
          break;
        }
        continue;
      }
      if (candidateParts[i] !== pathParts[j]) {
        found = false;
        break;
      }
    }
    if (found && candidatePath.length > matchedLen) {
      matchedLen = candidatePath.length;
      matchedValue = value;
    }
  }
  return matchedValue;
}
function getPathFromMapKey(mapKey) {
  const pathStart = mapKey.indexOf("/");
  return mapKey.slice(pathStart);
}
function getApiVersionFromUrl(urlStr) {
  const url = new URL(urlStr);
  return url.searchParams.get("api-version") ?? void 0;
}


;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/models/index.js



;// CONCATENATED MODULE: ./node_modules/@azure/arm-keyvault/dist/esm/index.js







/***/ }),

/***/ 8365:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  NO: () => (/* reexport */ isKeyCredential),
  Zp: () => (/* reexport */ isTokenCredential)
});

// UNUSED EXPORTS: AzureKeyCredential, AzureNamedKeyCredential, AzureSASCredential, isNamedKeyCredential, isSASCredential

// EXTERNAL MODULE: ./node_modules/@azure/core-util/dist/esm/index.js + 4 modules
var esm = __webpack_require__(9105);
;// CONCATENATED MODULE: ./node_modules/@azure/core-auth/dist/esm/keyCredential.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

/**
 * Tests an object to determine whether it implements KeyCredential.
 *
 * @param credential - The assumed KeyCredential to be tested.
 */
function isKeyCredential(credential) {
    return (0,esm/* isObjectWithProperties */.TA)(credential, ["key"]) && typeof credential.key === "string";
}
//# sourceMappingURL=keyCredential.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-auth/dist/esm/azureNamedKeyCredential.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

/**
 * A static name/key-based credential that supports updating
 * the underlying name and key values.
 */
class AzureNamedKeyCredential {
    _key;
    _name;
    /**
     * The value of the key to be used in authentication.
     */
    get key() {
        return this._key;
    }
    /**
     * The value of the name to be used in authentication.
     */
    get name() {
        return this._name;
    }
    /**
     * Create an instance of an AzureNamedKeyCredential for use
     * with a service client.
     *
     * @param name - The initial value of the name to use in authentication.
     * @param key - The initial value of the key to use in authentication.
     */
    constructor(name, key) {
        if (!name || !key) {
            throw new TypeError("name and key must be non-empty strings");
        }
        this._name = name;
        this._key = key;
    }
    /**
     * Change the value of the key.
     *
     * Updates will take effect upon the next request after
     * updating the key value.
     *
     * @param newName - The new name value to be used.
     * @param newKey - The new key value to be used.
     */
    update(newName, newKey) {
        if (!newName || !newKey) {
            throw new TypeError("newName and newKey must be non-empty strings");
        }
        this._name = newName;
        this._key = newKey;
    }
}
/**
 * Tests an object to determine whether it implements NamedKeyCredential.
 *
 * @param credential - The assumed NamedKeyCredential to be tested.
 */
function isNamedKeyCredential(credential) {
    return (isObjectWithProperties(credential, ["name", "key"]) &&
        typeof credential.key === "string" &&
        typeof credential.name === "string");
}
//# sourceMappingURL=azureNamedKeyCredential.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-auth/dist/esm/azureSASCredential.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

/**
 * A static-signature-based credential that supports updating
 * the underlying signature value.
 */
class AzureSASCredential {
    _signature;
    /**
     * The value of the shared access signature to be used in authentication
     */
    get signature() {
        return this._signature;
    }
    /**
     * Create an instance of an AzureSASCredential for use
     * with a service client.
     *
     * @param signature - The initial value of the shared access signature to use in authentication
     */
    constructor(signature) {
        if (!signature) {
            throw new Error("shared access signature must be a non-empty string");
        }
        this._signature = signature;
    }
    /**
     * Change the value of the signature.
     *
     * Updates will take effect upon the next request after
     * updating the signature value.
     *
     * @param newSignature - The new shared access signature value to be used
     */
    update(newSignature) {
        if (!newSignature) {
            throw new Error("shared access signature must be a non-empty string");
        }
        this._signature = newSignature;
    }
}
/**
 * Tests an object to determine whether it implements SASCredential.
 *
 * @param credential - The assumed SASCredential to be tested.
 */
function isSASCredential(credential) {
    return (isObjectWithProperties(credential, ["signature"]) && typeof credential.signature === "string");
}
//# sourceMappingURL=azureSASCredential.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-auth/dist/esm/tokenCredential.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * @internal
 * @param accessToken - Access token
 * @returns Whether a token is bearer type or not
 */
function isBearerToken(accessToken) {
    return !accessToken.tokenType || accessToken.tokenType === "Bearer";
}
/**
 * @internal
 * @param accessToken - Access token
 * @returns Whether a token is Pop token or not
 */
function isPopToken(accessToken) {
    return accessToken.tokenType === "pop";
}
/**
 * Tests an object to determine whether it implements TokenCredential.
 *
 * @param credential - The assumed TokenCredential to be tested.
 */
function isTokenCredential(credential) {
    // Check for an object with a 'getToken' function and possibly with
    // a 'signRequest' function.  We do this check to make sure that
    // a ServiceClientCredentials implementor (like TokenClientCredentials
    // in ms-rest-nodeauth) doesn't get mistaken for a TokenCredential if
    // it doesn't actually implement TokenCredential also.
    const castCredential = credential;
    return (castCredential &&
        typeof castCredential.getToken === "function" &&
        (castCredential.signRequest === undefined || castCredential.getToken.length > 0));
}
//# sourceMappingURL=tokenCredential.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-auth/dist/esm/index.js





//# sourceMappingURL=index.js.map

/***/ })

};
