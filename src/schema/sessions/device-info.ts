import type { DeviceAttributeDetails, DeviceInfo } from '../../stytch/types.js';
import { builder } from '../builder.js';

export const DeviceAttributeDetailsRef =
  builder.objectRef<DeviceAttributeDetails>('DeviceAttributeDetails');
DeviceAttributeDetailsRef.implement({
  description:
    'Whether a device attribute (visitor, IP address, country) has been seen before for this user.',
  fields: (t) => ({
    isNew: t.exposeBoolean('is_new', {
      description: 'True the first time this value is seen for the user.',
    }),
    firstSeenAt: t.expose('first_seen_at', {
      type: 'DateTime',
      nullable: true,
      description: 'When this value was first seen for the user.',
    }),
    lastSeenAt: t.expose('last_seen_at', {
      type: 'DateTime',
      nullable: true,
      description: 'When this value was last seen for the user.',
    }),
  }),
});

export const DeviceInfoRef = builder.objectRef<DeviceInfo>('DeviceInfo');
DeviceInfoRef.implement({
  description:
    'The device that made the request, from a Device Fingerprinting lookup. Only returned when a `telemetryId` was sent and fingerprinting is enabled for the Stytch workspace.',
  fields: (t) => ({
    visitorId: t.exposeString('visitor_id', {
      description: 'Stable fingerprint id of the browser or device.',
    }),
    visitorIdDetails: t.expose('visitor_id_details', {
      type: DeviceAttributeDetailsRef,
      nullable: true,
      description: 'Whether this device has been seen before for the user.',
    }),
    ipAddress: t.exposeString('ip_address', {
      nullable: true,
      description: 'IP address the request came from.',
    }),
    ipAddressDetails: t.expose('ip_address_details', {
      type: DeviceAttributeDetailsRef,
      nullable: true,
      description: 'Whether this IP address has been seen before for the user.',
    }),
    ipGeoCity: t.exposeString('ip_geo_city', {
      nullable: true,
      description: 'City the IP address geolocates to.',
    }),
    ipGeoRegion: t.exposeString('ip_geo_region', {
      nullable: true,
      description: 'Region or state the IP address geolocates to.',
    }),
    ipGeoCountry: t.exposeString('ip_geo_country', {
      nullable: true,
      description: 'Country code the IP address geolocates to (e.g. `US`).',
    }),
    ipGeoCountryDetails: t.expose('ip_geo_country_details', {
      type: DeviceAttributeDetailsRef,
      nullable: true,
      description: 'Whether this country has been seen before for the user.',
    }),
  }),
});
