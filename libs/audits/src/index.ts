export * from './audits.module';
export * from './dto/sample-audit.inputs';
export * from './sample-audit.entities';
export * from './sample-audits.service';
export * from './sampling';
