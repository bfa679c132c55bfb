export * from './dto/offer.inputs';
export * from './offer.entity';
export * from './offers.module';
export * from './offers.service';
export * from './offer-status';
export * from './offer.queries';
