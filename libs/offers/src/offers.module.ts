import { CapacityModule } from '@app/capacity';
import { PathwaysModule } from '@app/pathways';
import { ReferenceModule } from '@app/reference';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EvidenceController } from './evidence.controller';
import { Offer } from './offer.entities';
import { OffersResolver, PathwayOffersResolver } from './offers.resolver';
import { OffersService } from './offers.service';

@Module({
  imports: [TypeOrmModule.forFeature([Offer]), CapacityModule, PathwaysModule, ReferenceModule],
  providers: [OffersService, OffersResolver, PathwayOffersResolver],
  controllers: [EvidenceController],
  exports: [OffersService],
})
export class OffersModule {}
