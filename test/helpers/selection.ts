import {
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isObjectType,
} from 'graphql';

/**
 * Builds a selection set with every field of a type, recursively, so a test can ask the gateway
 * for everything without hand-writing (and silently missing) fields. A type already on the path is
 * not entered again, so cycles such as Session.user.sessions stop.
 */
export function selectAll(schema: GraphQLSchema, typeName: string, path: string[] = []): string {
  const type = schema.getType(typeName) as GraphQLNamedType;
  if (!isObjectType(type) && !isInterfaceType(type)) {
    throw new Error(`${typeName} is not an object type`);
  }
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((a) => a.type.toString().endsWith('!'))) {
      continue;
    }
    const inner = getNamedType(field.type);
    if (isObjectType(inner) || isInterfaceType(inner)) {
      if (path.includes(inner.name)) {
        continue;
      }
      parts.push(`${field.name} { ${selectAll(schema, inner.name, [...path, typeName])} }`);
    } else {
      parts.push(field.name);
    }
  }
  return parts.join(' ');
}
