import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Agreement, Municipality, Provider, Region } from './reference.entities';
import { AgreementResolver, MunicipalityResolver, ProviderResolver, RegionResolver } from './reference.resolver';
import { ReferenceService } from './reference.service';

@Module({
  imports: [TypeOrmModule.forFeature([Region, Municipality, Provider, Agreement])],
  providers: [ReferenceService, RegionResolver, MunicipalityResolver, ProviderResolver, AgreementResolver],
  exports: [ReferenceService],
})
export class ReferenceModule {}
