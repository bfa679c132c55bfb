export * from './dto/offer.inputs';
export * from './offer.entities';
export * from './offers.module';
export * from './offers.service';
export * from './offer-status';
export * from './offer.queries';
